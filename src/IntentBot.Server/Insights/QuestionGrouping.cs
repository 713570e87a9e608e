using IntentBot.Agent.Insights;

namespace IntentBot.Server.Insights;

/// <summary>
/// Groups questions by meaning with the model's sentence embeddings (L2-normalised, so the dot product is the
/// cosine): each question joins the first group whose first question is at least <see cref="Similar"/> alike, else
/// starts one. One pass, so a few hundred items cost a few hundred thousand multiply-adds.
/// </summary>
public static class QuestionGrouping
{
    /// <summary>Cosine above which two customer questions read as the same question to this encoder.</summary>
    public const float Similar = 0.8f;

    public static IEnumerable<QuestionGroup> Group(IReadOnlyList<ReviewItem> items)
    {
        var groups = new List<(float[]? Centre, List<ReviewItem> Members)>();
        foreach (var item in items)
        {
            var home = item.Embedding is { } e
                ? groups.FindIndex(g => g.Centre is { } c && c.Length == e.Length && Dot(c, e) >= Similar)
                : groups.FindIndex(g => g.Members[0].Text.Equals(item.Text, StringComparison.OrdinalIgnoreCase));
            if (home >= 0) groups[home].Members.Add(item);
            else groups.Add((item.Embedding, [item]));
        }
        return groups
            .OrderByDescending(g => g.Members.Count)
            .Select(g => new QuestionGroup(g.Members.Count,
                [.. g.Members.Select(m => m.Text).Distinct(StringComparer.OrdinalIgnoreCase).Take(5)],
                [.. g.Members.GroupBy(m => m.Source).Select(s => new CountDto(s.Key, s.Count())).OrderByDescending(s => s.Count)]));
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
