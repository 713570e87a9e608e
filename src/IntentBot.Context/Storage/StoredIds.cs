namespace IntentBot.Context.Storage;

/// <summary>
/// The one rule for the user and conversation ids that every entry point accepts (Direct Line, Bot Connector,
/// behaviour events, erasure, the operator API). Ids end up in Redis keys, logs and URLs, and erasure must be
/// able to name every id that was stored: so one rule, checked before anything is stored, and the erasure
/// endpoint accepts exactly the ids it lets through.
/// </summary>
/// <remarks>
/// 256 UTF-16 code units fits the longest real channel ids (Teams conversation ids run past 128) and keeps a
/// Redis key under about 1 KB whatever the id holds (a key percent-encodes at most braces and '%'). Any other
/// printable text is allowed, '/' included: ids are opaque and shops use their own customer numbers.
/// </remarks>
public static class StoredIds
{
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="id"/> cannot be stored, naming it as <paramref name="what"/> ("The user id"); null when it can.</summary>
    public static string? Error(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id)) return $"{what} must not be empty or whitespace.";
        if (id.Length > MaxLength) return $"{what} is longer than {MaxLength} characters.";
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c)) return $"{what} must not contain control characters.";
            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"{what} must be valid Unicode (it holds an unpaired surrogate).";
        }
        return null;
    }

    public static bool IsValid(string? id) => Error(id, "id") is null;
}
