using IntentBot.Agent.Handoff;
using IntentBot.Agent.Engine;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Desk;

public enum DeskStatus { Ok, NotHandedOff, ClaimedByOther, NoAddress }

/// <summary>What a desk operation did; <see cref="Claim"/> is the holder when another agent has the conversation.</summary>
public sealed record DeskOutcome(DeskStatus Status, DeskClaim? Claim = null, DeskEntry? Entry = null, HandoffRecord? Record = null);

/// <summary>A waiting (or claimed) conversation as the desk's queue shows it.</summary>
public sealed record DeskQueueItem(HandoffRecord Record, DeskClaim? Claim, DeskEntry? LastCustomerMessage);

/// <summary>An opened conversation: the handoff (null once handed back), its claim, transcript and address.</summary>
public sealed record DeskConversation(string ConversationId, HandoffRecord? Record, DeskClaim? Claim, IReadOnlyList<DeskEntry> Entries, DeskAddress? Address);

/// <summary>
/// The people's side of a handoff: the queue, claiming (atomic in the store), replying to the customer as the agent
/// on their own channel, typing, and handing back to the bot or closing.
/// </summary>
public sealed class DeskService(
    IDeskStore store,
    IHandoffInbox inbox,
    HandbackService handback,
    ICustomerMessenger messenger,
    TimeProvider clock,
    ILogger<DeskService> logger)
{
    /// <summary>Open handoffs, oldest first, each with its claim and the customer's last message.</summary>
    public async Task<IReadOnlyList<DeskQueueItem>> QueueAsync(CancellationToken ct)
    {
        var open = await inbox.ListOpenAsync(ct);
        var claims = await store.GetClaimsAsync(ct);
        var logs = await Task.WhenAll(open.Select(r => store.ReadAsync(r.ConversationId, ct)));
        return open.Select((r, i) => new DeskQueueItem(r, claims.GetValueOrDefault(r.ConversationId),
            logs[i].LastOrDefault(e => e.Role == DeskRoles.Customer))).ToList();
    }

    /// <summary>Null when the conversation was never handed off (or its desk record expired or was erased).</summary>
    public async Task<DeskConversation?> GetAsync(string conversationId, CancellationToken ct)
    {
        var record = await inbox.FindOpenAsync(conversationId, ct);
        var entries = await store.ReadAsync(conversationId, ct);
        if (record is null && entries.Count == 0) return null;
        return new DeskConversation(conversationId, record, await store.GetClaimAsync(conversationId, ct), entries, await store.GetAddressAsync(conversationId, ct));
    }

    public async Task<bool> IsHandedOffAsync(string conversationId, CancellationToken ct) => await inbox.FindOpenAsync(conversationId, ct) is not null;

    public async Task<DeskOutcome> ClaimAsync(string conversationId, string agent, CancellationToken ct)
    {
        var record = await inbox.FindOpenAsync(conversationId, ct);
        if (record is null) return new DeskOutcome(DeskStatus.NotHandedOff);
        var mine = new DeskClaim(agent, clock.GetUtcNow());
        var holder = await store.ClaimAsync(conversationId, mine, ct);
        if (!SameAgent(holder.Agent, agent)) return new DeskOutcome(DeskStatus.ClaimedByOther, holder, Record: record);
        if (holder == mine) // claimed now, not before by the same agent
        {
            await store.AppendAsync(conversationId, [new DeskEntry(DeskRoles.Event, $"Claimed by {agent}", mine.ClaimedUtc, agent)], ct);
            await store.NotifyAsync(conversationId, ct);
        }
        return new DeskOutcome(DeskStatus.Ok, holder, Record: record);
    }

    /// <summary>Claims the conversation when nobody has (an agent who answers owns it), then sends the reply as the agent.</summary>
    public async Task<DeskOutcome> SendAsync(string conversationId, string agent, string text, CancellationToken ct)
    {
        var claimed = await ClaimAsync(conversationId, agent, ct);
        if (claimed.Status != DeskStatus.Ok) return claimed;
        var address = await store.GetAddressAsync(conversationId, ct);
        if (address is null) return new DeskOutcome(DeskStatus.NoAddress, claimed.Claim);
        var now = clock.GetUtcNow();
        await messenger.SendAsync(address, AgentActivity(ActivityTypes.Message, agent, text, now), ct);
        var entry = new DeskEntry(DeskRoles.Agent, text, now, agent);
        await store.AppendAsync(conversationId, [entry], ct);
        await store.NotifyAsync(conversationId, ct);
        return new DeskOutcome(DeskStatus.Ok, claimed.Claim, entry, claimed.Record);
    }

    /// <summary>Shows the customer that the agent is typing (only the claim holder, or anyone while unclaimed).</summary>
    public async Task<DeskOutcome> TypingAsync(string conversationId, string agent, CancellationToken ct)
    {
        if (await inbox.FindOpenAsync(conversationId, ct) is null) return new DeskOutcome(DeskStatus.NotHandedOff);
        var claim = await store.GetClaimAsync(conversationId, ct);
        if (claim is not null && !SameAgent(claim.Agent, agent)) return new DeskOutcome(DeskStatus.ClaimedByOther, claim);
        var address = await store.GetAddressAsync(conversationId, ct);
        if (address is null) return new DeskOutcome(DeskStatus.NoAddress, claim);
        await messenger.SendAsync(address, AgentActivity(ActivityTypes.Typing, agent, null, clock.GetUtcNow()), ct);
        return new DeskOutcome(DeskStatus.Ok, claim);
    }

    /// <summary>
    /// Gives the conversation back to the bot (<paramref name="close"/>: ends it, with a goodbye). With an agent named,
    /// only the claim holder may; without one (an operator's API key) anyone may.
    /// </summary>
    public async Task<DeskOutcome> HandBackAsync(string conversationId, string? agent, string? note, bool close, CancellationToken ct)
    {
        var claim = await store.GetClaimAsync(conversationId, ct);
        if (agent is not null && claim is not null && !SameAgent(claim.Agent, agent)) return new DeskOutcome(DeskStatus.ClaimedByOther, claim);
        var record = await handback.HandBackAsync(conversationId, ct);
        if (record is null) return new DeskOutcome(DeskStatus.NotHandedOff);
        await store.ReleaseAsync(conversationId, ct);
        var now = clock.GetUtcNow();
        var who = agent ?? claim?.Agent;
        var what = (close ? "Closed" : "Handed back to the bot") + (who is null ? "" : " by " + who) + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim());
        await store.AppendAsync(conversationId, [new DeskEntry(DeskRoles.Event, what, now, who)], ct);
        await store.NotifyAsync(conversationId, ct);
        if (await store.GetAddressAsync(conversationId, ct) is { } address)
        {
            var chinese = Language.IsChineseLocale(address.Locale);
            var team = who ?? (chinese ? "客服团队" : "Our team");
            var text = close ? DeskTexts.Closed(team, chinese) : DeskTexts.HandedBack(team, chinese);
            try { await messenger.SendAsync(address, new Activity { Type = ActivityTypes.Message, Text = text, Timestamp = now }, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The bot has the conversation again either way; the customer just misses the courtesy line.
                logger.LogWarning(e, "Could not tell the customer of conversation {ConversationId} about the handback", conversationId);
            }
        }
        return new DeskOutcome(DeskStatus.Ok, claim, Record: record);
    }

    private static bool SameAgent(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>From the agent (a distinct sender, named), marked in channelData so pages can show who answered.</summary>
    private static Activity AgentActivity(string type, string agent, string? text, DateTimeOffset now) => new()
    {
        Type = type,
        Text = text,
        Timestamp = now,
        From = new ChannelAccount { Id = "agent:" + agent, Name = agent, Role = RoleTypes.Bot },
        ChannelData = System.Text.Json.JsonSerializer.SerializeToElement(new AgentMark(new AgentName(agent)), DeskMarkJsonContext.Default.AgentMark),
    };
}

internal sealed record AgentName(string Name);

/// <summary><c>channelData</c> of an agent's activity: <c>{"agent":{"name":"Maria"}}</c>.</summary>
internal sealed record AgentMark(AgentName Agent);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(AgentMark))]
internal sealed partial class DeskMarkJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
