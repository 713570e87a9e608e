using System.Collections.Concurrent;
using System.Text.Json;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;

namespace IntentBot.Channels.Tests.FakeChannel;

/// <summary>
/// A deliberately simple IBot that records every turn: echoes messages, welcomes new members, answers invokes,
/// and on request produces several replies, suggested actions and an Adaptive Card.
/// </summary>
public sealed class RecordingBot : IBot
{
    public const string AdaptiveCardJson = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Order 42","weight":"Bolder"}],"actions":[{"type":"Action.Execute","verb":"track","data":{"order":42}}]}""";

    public ConcurrentQueue<Activity> Turns { get; } = new();

    public Task<BotTurnResult> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        Turns.Enqueue(incoming);
        return Task.FromResult(incoming.Type switch
        {
            ActivityTypes.Message => Message(incoming),
            ActivityTypes.ConversationUpdate when incoming.MembersAdded?.Any(m => m.Id != incoming.Recipient?.Id) == true =>
                new BotTurnResult([incoming.CreateReply("Welcome! How can I help with your order?")]),
            ActivityTypes.Invoke => new BotTurnResult(
                [incoming.CreateReply("Your card action was received.")],
                new InvokeResponse(200, JsonSerializer.Deserialize<JsonElement>(
                    """{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Tracking order 42"}"""))),
            _ => BotTurnResult.Empty,
        });
    }

    private static BotTurnResult Message(Activity incoming)
    {
        switch (incoming.Text)
        {
            case "three replies":
                return new BotTurnResult([incoming.CreateReply("one"), incoming.CreateReply("two"), incoming.CreateReply("three")]);
            case "card":
                var reply = incoming.CreateReply("Here is your order");
                reply.Attachments = [new Attachment
                {
                    ContentType = AttachmentContentTypes.AdaptiveCard,
                    Content = JsonSerializer.Deserialize<JsonElement>(AdaptiveCardJson),
                }];
                reply.SuggestedActions = new SuggestedActions
                {
                    Actions = [.. new[] { "Track", "Cancel", "Change", "Refund", "Agent" }.Select(t => CardAction.ImBack(t))],
                };
                return new BotTurnResult([reply]);
            default:
                // Built bare on purpose: the channel must address it (from/recipient/conversation/replyToId).
                return new BotTurnResult([new Activity { Type = ActivityTypes.Message, Text = "echo: " + incoming.Text }]);
        }
    }
}
