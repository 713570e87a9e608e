using System.Text.Json;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;

namespace IntentBot.Server.Classification;

/// <summary>
/// Reads and validates a classify request by hand rather than through model binding, so that each way a
/// body can be wrong (not JSON, not UTF-8, wrong shape, too big) gets its own precise problem details.
/// </summary>
internal static class ClassifyRequestReader
{
    public readonly record struct Parsed(IReadOnlyList<string> Texts, int? TopK, bool Explain = false);

    /// <summary>An explanation reads the text once per word: a few texts per request at most.</summary>
    public const int MaxExplainedTexts = 8;

    public static async Task<(Parsed? Request, IResult? Error)> ReadAsync(HttpRequest request, ApiOptions options, int labelCount, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonRequestBody.ReadAsync(request, options.MaxRequestBytes, "send {\"text\": \"...\"} or {\"texts\": [\"...\"]}", cancellationToken);
        if (document is null) return (null, error);
        using (document) return Validate(document.RootElement, options, labelCount);
    }

    private static (Parsed?, IResult?) Validate(JsonElement root, ApiOptions options, int labelCount)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return (null, Problem.Validation("body", "The body must be a JSON object."));

        // An explicit null reads as an absent field, as generated clients send every optional property;
        // a request that then holds neither text nor texts still names the null field it sent.
        var hasText = Present(root, "text", out var text);
        var hasTexts = Present(root, "texts", out var texts);
        if (hasText && hasTexts)
            return (null, Problem.Validation("texts", "Send exactly one of \"text\" (a string) or \"texts\" (an array of strings)."));
        if (!hasText && !hasTexts)
            return (null, root.TryGetProperty("text", out _) ? Problem.Validation("text", "Must be a string, not null.")
                : root.TryGetProperty("texts", out _) ? Problem.Validation("texts", "\"texts\" must be an array of strings, not null.")
                : Problem.Validation("text", "Send exactly one of \"text\" (a string) or \"texts\" (an array of strings)."));

        var errors = new Dictionary<string, string[]>();
        var list = new List<string>();
        if (hasText)
        {
            AddText(text, "text", options, list, errors);
        }
        else if (texts.ValueKind != JsonValueKind.Array)
        {
            errors["texts"] = ["\"texts\" must be an array of strings."];
        }
        else
        {
            var count = texts.GetArrayLength();
            if (count == 0) errors["texts"] = ["\"texts\" must hold at least one text."];
            else if (count > options.MaxTexts) errors["texts"] = [$"At most {options.MaxTexts} texts per request; got {count}."];
            else
            {
                var i = 0;
                foreach (var item in texts.EnumerateArray()) AddText(item, $"texts[{i++}]", options, list, errors);
            }
        }

        int? topK = null;
        if (Present(root, "topK", out var k))
        {
            if (k.ValueKind == JsonValueKind.Number && k.TryGetInt32(out var value) && value >= 1 && value <= labelCount) topK = value;
            else errors["topK"] = [$"\"topK\" must be a whole number from 1 to {labelCount}."];
        }

        var explain = false;
        if (root.TryGetProperty("explain", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) explain = e.GetBoolean();
            else errors["explain"] = ["\"explain\" must be true or false."];
        }
        if (explain && list.Count > MaxExplainedTexts) errors["explain"] = [$"At most {MaxExplainedTexts} texts can be explained per request."];

        return errors.Count > 0 ? (null, Problem.Validation(errors)) : (new Parsed(list, topK, explain), null);
    }

    private static bool Present(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static void AddText(JsonElement element, string field, ApiOptions options, List<string> list, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"Must be a string, not {element.ValueKind.ToString().ToLowerInvariant()}."];
            return;
        }
        var value = element.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Must not be empty or whitespace."];
            return;
        }
        var characters = CountCharacters(value);
        if (characters > options.MaxTextCharacters)
        {
            errors[field] = [$"Is {characters} characters long; the limit is {options.MaxTextCharacters}."];
            return;
        }
        list.Add(value);
    }

    /// <summary>Counts Unicode scalar values, so an emoji or a CJK character is one character, as a user sees it.</summary>
    private static int CountCharacters(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes()) count++;
        return count;
    }
}
