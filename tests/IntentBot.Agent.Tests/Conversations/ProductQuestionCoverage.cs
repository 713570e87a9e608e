using System.Text.Json;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// How many of the challenge set's 102 product questions the whole agent (model, shop-name second reading, dialogs)
/// takes as the right shopping request: a floor for every model that replaces the shipped one.
/// </summary>
/// <remarks>
/// <see cref="ShopNameStories"/> names five questions the shipped model needs the second reading for; a retrained
/// model misses different ones, so five phrases chosen with one model say little about the next. Candidate 1.9.0
/// failed three of them while answering 74 of these 102 questions to the shipped model's 64. This count is the
/// broad measure: a model answering fewer product questions than the shipped one does not ship, whatever its other
/// numbers. Set <c>INTENTBOT_PRODUCT_PROBE_REPORT</c> to a file path to get every question's outcome
/// (training/judge.py's comparison of candidates leaves this agent-level count to this test).
/// </remarks>
public sealed class ProductQuestionCoverage
{
    /// <summary>Model 1.2.0 with the sample shop: 26 short questions, 16 unknown brands, 22 of the shop's catalog.</summary>
    private const int ShippedModelRight = 64;

    private static readonly string[] ProbeFiles = ["short_product_questions", "unknown_brands", "shop_catalog"];

    [Fact]
    public async Task The_agent_answers_at_least_as_many_product_questions_as_with_the_shipped_model()
    {
        var outcomes = new List<(string File, string Text, string Gold, string Got)>();
        foreach (var file in ProbeFiles)
        {
            foreach (var line in File.ReadLines(Path.Combine(AgentHarness.RepoRoot, "training", "data", "challenge", file + ".jsonl")))
            {
                using var row = JsonDocument.Parse(line);
                var text = row.RootElement.GetProperty("text").GetString()!;
                var gold = row.RootElement.GetProperty("intent").GetString()!;
                // A fresh conversation each: one question's dialog must not shape the next one's reading.
                var chat = AgentHarness.Create().Start("c1001");
                await chat.SayAsync(text);
                outcomes.Add((file, text, gold, (await chat.StateAsync()).RecentIntents[^1]));
            }
        }
        Assert.Equal(102, outcomes.Count);

        var report = Environment.GetEnvironmentVariable("INTENTBOT_PRODUCT_PROBE_REPORT");
        if (!string.IsNullOrEmpty(report))
            File.WriteAllLines(report, outcomes.Select(o => $"{o.File}\t{o.Gold}\t{o.Got}\t{o.Text}")
                .Concat(ProbeFiles.Select(f => $"# {f}: {outcomes.Count(o => o.File == f && o.Gold == o.Got)} right")));

        var right = outcomes.Count(o => o.Gold == o.Got);
        var misses = string.Join("\n", outcomes.Where(o => o.Gold != o.Got).Select(o => $"  {o.Text} -> {o.Got}"));
        Assert.True(right >= ShippedModelRight,
            $"The agent took {right} of 102 product questions right; the shipped model's floor is {ShippedModelRight}. Misses:\n{misses}");
    }
}
