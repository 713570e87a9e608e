using System.Security.Cryptography;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Context.Storage;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine;

/// <summary>What posting an activity did: its id, and whether the bot failed on it (the route then answers 502).</summary>
public sealed record PostOutcome(string Id, bool BotFailed);

/// <summary>
/// The conversation logic behind the routes: starts conversations (telling the bot with a conversationUpdate so
/// it can greet), stores the user's activity (echoed into the transcript with its channelData, which Web Chat
/// waits for), calls <see cref="IBot"/> and appends its replies as the bot's.
/// </summary>
public sealed class DirectLineConversations(
    ITranscriptStore transcripts,
    IBot bot,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineConversations> logger)
{
    public const string ChannelId = "directline";

    // Turns of one conversation run one at a time (the agent's state is per conversation); striped so the
    // locks stay bounded whatever the number of conversations.
    private static readonly SemaphoreSlim[] TurnLocks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>22 URL-safe characters, unguessable.</summary>
    public static string NewConversationId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Conversation ids end up in storage keys and URLs: accept only the shape we hand out (and similar).</summary>
    public static bool IsValidConversationId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private ChannelAccount Bot => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = RoleTypes.Bot };

    /// <summary>Creates the conversation; on creation the bot gets a conversationUpdate (its replies, e.g. a welcome, go into the transcript).</summary>
    public async Task<bool> StartAsync(string conversationId, string? userId, string? locale, string serviceUrl, CancellationToken cancellationToken)
    {
        if (!await transcripts.CreateAsync(conversationId, cancellationToken)) return false;
        var members = new List<ChannelAccount>();
        if (userId is not null) members.Add(new ChannelAccount { Id = userId, Role = RoleTypes.User });
        members.Add(Bot);
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = TranscriptEntries.ActivityId(conversationId, 0),
            Timestamp = time.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = userId ?? ChannelId, Role = userId is null ? null : RoleTypes.User },
            Recipient = Bot,
            MembersAdded = members,
            Locale = locale,
        };
        // The conversation exists whatever the bot does with the update: a failing welcome must not block chatting.
        await RunTurnAsync(update, logFailureOnly: true, cancellationToken);
        return true;
    }

    /// <summary>Stores the user's activity, runs the bot turn, stores the replies.</summary>
    public async Task<PostOutcome> PostAsync(string conversationId, Activity activity, string serviceUrl, CancellationToken cancellationToken)
    {
        activity.Id = null;
        activity.Timestamp = time.GetUtcNow();
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.From!.Role = RoleTypes.User;
        activity.Recipient = Bot;

        var turnLock = TurnLocks[(StringComparer.Ordinal.GetHashCode(conversationId) & int.MaxValue) % TurnLocks.Length];
        await turnLock.WaitAsync(cancellationToken);
        try
        {
            var stored = (await transcripts.AppendAsync(conversationId, [activity], cancellationToken))[0];
            var ok = await RunTurnAsync(stored, logFailureOnly: false, cancellationToken);
            return new PostOutcome(stored.Id!, !ok);
        }
        finally
        {
            turnLock.Release();
        }
    }

    private async Task<bool> RunTurnAsync(Activity incoming, bool logFailureOnly, CancellationToken cancellationToken)
    {
        BotTurnResult result;
        try
        {
            result = await bot.OnTurnAsync(incoming, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.Log(logFailureOnly ? LogLevel.Warning : LogLevel.Error, ex,
                "The bot failed on a {Type} activity of Direct Line conversation {ConversationId}.", incoming.Type, incoming.Conversation?.Id);
            return false;
        }
        if (result.Replies.Count == 0) return true;
        var now = time.GetUtcNow();
        var replies = result.Replies.Select(reply => AsBotReply(reply, incoming, now)).ToList();
        try
        {
            await transcripts.AppendAsync(incoming.Conversation!.Id!, replies, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The customer's activity is stored and the turn has run (it may have changed an order): answering 503
            // would invite a resend and a second turn. Reported like a bot failure (502) instead; the replies' write may
            // still land late (the Redis client keeps queued commands), in which case the stream delivers them then.
            logger.LogError(ex, "The bot's {Count} replies in Direct Line conversation {ConversationId} could not be stored.",
                replies.Count, incoming.Conversation?.Id);
            return false;
        }
        return true;
    }

    /// <summary>Whatever the bot filled in, a reply goes out as the bot's, in this conversation, answering the incoming activity.</summary>
    private Activity AsBotReply(Activity reply, Activity incoming, DateTimeOffset now)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.Id = null;
        reply.Timestamp = now;
        reply.ChannelId = ChannelId;
        reply.ServiceUrl = incoming.ServiceUrl;
        reply.Conversation = new ConversationAccount { Id = incoming.Conversation!.Id };
        reply.From = Bot;
        reply.Recipient = incoming.From;
        // The conversationUpdate is never stored, so a welcome answers nothing in the transcript.
        reply.ReplyToId = incoming.Type == ActivityTypes.ConversationUpdate ? null : incoming.Id;
        return reply;
    }
}
