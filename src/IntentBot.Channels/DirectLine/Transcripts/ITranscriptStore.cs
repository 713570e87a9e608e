using IntentBot.Context.Storage;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.DirectLine.Transcripts;

/// <summary>
/// The Direct Line transcript of each conversation: an append-only log whose sequence numbers (1, 2, …) are
/// the watermarks and make the activity ids ("{conversationId}|0000001"). Shared by every instance when it is
/// Redis-backed, so a WebSocket on one instance sees what was posted through another.
/// </summary>
/// <remarks>
/// Transcripts hold the user's id and messages, so every store takes part in user erasure
/// (<see cref="IUserDataErasure"/>): it deletes the transcripts of the conversations given and of every
/// conversation it saw the user in. It keeps that user → conversations index itself (from the accounts with
/// role "user" in what is appended), because a conversation where the user only got the welcome never
/// reaches the conversation store.
/// </remarks>
public interface ITranscriptStore : IUserDataErasure
{
    /// <summary>Creates the conversation; false when it already exists.</summary>
    Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>How many activities the transcript holds; null when the conversation does not exist.</summary>
    Task<long?> LengthAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the activities in order and returns them as stored, each with its id. Ids the caller set are
    /// replaced. Throws <see cref="ConversationNotFoundException"/> when the conversation does not exist.
    /// </summary>
    Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxCount"/> activities after sequence <paramref name="afterSequence"/>, and the
    /// sequence of the last one returned (or <paramref name="afterSequence"/> when none); null when the
    /// conversation does not exist.
    /// </summary>
    Task<TranscriptPage?> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the transcript may hold activities after <paramref name="afterSequence"/> (callers read
    /// again to find out), or when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task WaitForAppendAsync(string conversationId, long afterSequence, CancellationToken cancellationToken);
}

public sealed record TranscriptPage(IReadOnlyList<Activity> Activities, long Watermark);

public sealed class ConversationNotFoundException(string conversationId)
    : Exception($"Conversation '{conversationId}' does not exist or has expired.")
{
    public string ConversationId { get; } = conversationId;
}

/// <summary>The stored form of an activity, shared by the stores: JSON without an id (the id is the position).</summary>
internal static class TranscriptEntries
{
    /// <summary>The user accounts an activity names (sender or recipient with role "user"), for the erasure index.</summary>
    public static IEnumerable<string> UserIds(IEnumerable<Activity> activities) => activities
        .SelectMany(a => new[] { a.From, a.Recipient })
        .Where(account => account is { Role: RoleTypes.User } && !string.IsNullOrEmpty(account.Id))
        .Select(account => account!.Id!)
        .Distinct(StringComparer.Ordinal);

    public static string ActivityId(string conversationId, long sequence) =>
        conversationId + "|" + sequence.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static string Serialize(Activity activity)
    {
        var id = activity.Id;
        activity.Id = null;
        try { return System.Text.Json.JsonSerializer.Serialize(activity, DirectLineJsonContext.Default.Activity); }
        finally { activity.Id = id; }
    }

    public static Activity Deserialize(string conversationId, long sequence, string json)
    {
        var activity = System.Text.Json.JsonSerializer.Deserialize(json, DirectLineJsonContext.Default.Activity)!;
        activity.Id = ActivityId(conversationId, sequence);
        return activity;
    }
}
