using IntentBot.Agent.Handoff;
using IntentBot.Agent.Engine;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Desk;

/// <summary>
/// The bot's side of the desk: when a conversation is handed off it opens the desk transcript (the bot's recent
/// lines, each customer line with the model's reading), remembers where the customer is and tells them how long
/// they will wait; afterwards every customer message lands in the desk transcript instead of being dropped.
/// </summary>
public sealed class HandoffDesk(
    IDeskStore store,
    IHandoffInbox inbox,
    ITextClassifier classifier,
    IOptions<DeskOptions> options,
    TimeProvider clock,
    ILogger<HandoffDesk> logger)
{
    private readonly ServiceHours _hours = new(options.Value.ServiceHours);

    /// <summary>Runs after the handoff turn is saved and queued; returns what the customer is told about the wait.</summary>
    public async Task<IReadOnlyList<string>> OnHandoffAsync(HandoffRecord record, Activity incoming, ClassificationResult nlu, CancellationToken ct)
    {
        try
        {
            var now = clock.GetUtcNow();
            // A fresh handoff: whoever held an earlier one of this conversation does not own this one.
            await store.ReleaseAsync(record.ConversationId, ct);
            // A customer writing Chinese is answered in Chinese by the desk's notices too, whatever the browser's locale.
            var locale = !Language.IsChineseLocale(incoming.Locale) && Language.Detect(incoming.Text ?? "") == Language.Chinese ? "zh-CN" : incoming.Locale;
            await store.SaveAddressAsync(new DeskAddress(incoming.ChannelId ?? "", incoming.ServiceUrl, record.ConversationId,
                incoming.From, incoming.Recipient, locale), ct);
            var earlier = await store.ReadAsync(record.ConversationId, ct);
            var lines = earlier.Count == 0 ? record.Transcript : FromLastCustomerLine(record.Transcript);
            var entries = await AnnotateAsync(lines, nlu, ct);
            entries.Add(new DeskEntry(DeskRoles.Event, $"Handed off ({record.Reason})", now));
            await store.AppendAsync(record.ConversationId, entries, ct);
            await store.NotifyAsync(record.ConversationId, ct);
            return [await WaitNoticeAsync(record, now, Language.IsChineseLocale(locale), ct)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The handoff itself is saved and queued: the customer still gets the bot's notice and reaches the queue.
            logger.LogWarning(e, "The desk could not open conversation {ConversationId}", record.ConversationId);
            return [];
        }
    }

    /// <summary>A customer message while a person owns the conversation: it goes to the desk, with the model's reading.</summary>
    public async Task OnCustomerMessageAsync(string conversationId, string text, ClassificationResult nlu, CancellationToken ct)
    {
        await store.AppendAsync(conversationId, [Customer(text, nlu, clock.GetUtcNow())], ct);
        await store.NotifyAsync(conversationId, ct);
    }

    /// <summary>
    /// The customer no longer needs a person ("nvm found it"): true when nobody has claimed the conversation yet,
    /// after noting it for the desk; false once an agent has it (the agent ends it, not the customer's words).
    /// </summary>
    public async Task<bool> TryWithdrawAsync(string conversationId, string text, ClassificationResult nlu, CancellationToken ct)
    {
        if (await store.GetClaimAsync(conversationId, ct) is not null) return false;
        var now = clock.GetUtcNow();
        await store.AppendAsync(conversationId, [Customer(text, nlu, now), new DeskEntry(DeskRoles.Event, "Withdrawn by the customer", now)], ct);
        await store.NotifyAsync(conversationId, ct);
        return true;
    }

    private async Task<string> WaitNoticeAsync(HandoffRecord record, DateTimeOffset now, bool chinese, CancellationToken ct)
    {
        var o = options.Value;
        if (!_hours.IsOpen(now) && _hours.NextOpening(now) is { } opening)
            return DeskTexts.OutOfHours(chinese ? _hours.DescribeChinese() : _hours.Describe(), opening, o.ContactEmail, chinese);
        var claims = await store.GetClaimsAsync(ct);
        var ahead = (await inbox.ListOpenAsync(ct)).Count(r =>
            r.ConversationId != record.ConversationId && r.CreatedUtc <= record.CreatedUtc && !claims.ContainsKey(r.ConversationId));
        var minutes = (int)Math.Ceiling((ahead + 1) * (double)o.AverageHandleMinutes / o.AgentsOnDuty);
        return DeskTexts.ExpectedWait(ahead, minutes, chinese);
    }

    /// <summary>Customer lines get the model's reading (the last one: the turn's own); bot lines are copied.</summary>
    private async Task<List<DeskEntry>> AnnotateAsync(IReadOnlyList<string> lines, ClassificationResult lastNlu, CancellationToken ct)
    {
        var parsed = lines.Select(Parse).ToList();
        var lastCustomer = parsed.FindLastIndex(p => p.Role == DeskRoles.Customer);
        var toClassify = parsed.Select((p, i) => (p, i)).Where(x => x.p.Role == DeskRoles.Customer && x.i != lastCustomer).ToList();
        var readings = toClassify.Count == 0 ? [] : await classifier.ClassifyAsync([.. toClassify.Select(x => x.p.Text)], topK: 1, ct);
        var byIndex = toClassify.Select((x, k) => (x.i, readings[k])).ToDictionary(x => x.i, x => x.Item2);
        if (lastCustomer >= 0) byIndex[lastCustomer] = lastNlu;
        return parsed.Select((p, i) => byIndex.TryGetValue(i, out var nlu) ? Customer(p.Text, nlu, null) : new DeskEntry(p.Role, p.Text, null)).ToList();
    }

    private static IReadOnlyList<string> FromLastCustomerLine(IReadOnlyList<string> lines)
    {
        var last = lines.ToList().FindLastIndex(l => l.StartsWith("customer: ", StringComparison.Ordinal));
        return last < 0 ? lines : lines.Skip(last).ToList();
    }

    private static (string Role, string Text) Parse(string line)
    {
        if (line.StartsWith("customer: ", StringComparison.Ordinal)) return (DeskRoles.Customer, line["customer: ".Length..]);
        if (line.StartsWith("bot: ", StringComparison.Ordinal)) return (DeskRoles.Bot, line["bot: ".Length..]);
        return (DeskRoles.Event, line);
    }

    internal static DeskEntry Customer(string text, ClassificationResult nlu, DateTimeOffset? utc) => new(
        DeskRoles.Customer, text, utc, Intent: nlu.OutOfScope ? "out_of_scope" : nlu.Intent.Label, Confidence: Math.Round(nlu.Intent.Confidence, 3),
        Sentiment: nlu.Sentiment.Label, SentimentConfidence: Math.Round(nlu.Sentiment.Confidence, 3));
}
