using System.Collections.Concurrent;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>
/// A small bot registered by the tests (the channel is what is under test): greets members added, echoes
/// messages with two suggested actions, throws on "fail", and records every activity it was given.
/// </summary>
public sealed class TestBot : IBot
{
    public ConcurrentQueue<Activity> Received { get; } = new();

    /// <summary>Runs inside a message turn before the bot answers (a test's hook to break something mid-turn).</summary>
    public Func<Task>? DuringTurn { get; set; }

    public async Task<BotTurnResult> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        if (incoming.Type == ActivityTypes.Message && DuringTurn is { } hook) await hook();
        return Answer(incoming);
    }

    private BotTurnResult Answer(Activity incoming)
    {
        Received.Enqueue(incoming);
        if (incoming.Type == ActivityTypes.ConversationUpdate)
        {
            var greeted = incoming.MembersAdded?.Where(m => m.Id != incoming.Recipient?.Id)
                .Select(m => incoming.CreateReply($"Welcome, {m.Id}!")).ToList() ?? [];
            return new BotTurnResult(greeted);
        }
        if (incoming.Text == "fail") throw new InvalidOperationException("the test bot fails on 'fail'");
        var reply = incoming.CreateReply($"echo: {incoming.Text}");
        reply.SuggestedActions = new SuggestedActions { Actions = [CardAction.ImBack("Yes"), CardAction.ImBack("No")] };
        var typing = incoming.CreateReply(type: ActivityTypes.Typing);
        return new BotTurnResult([typing, reply]);
    }
}
