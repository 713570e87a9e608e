using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Channels.Tests.BotConnector;
using IntentBot.Channels.Tests.FakeChannel;

namespace IntentBot.Channels.Tests.Desk;

/// <summary>
/// A Bot Connector conversation (through the fake channel, local mode) handed to a person: the customer hears the
/// expected wait, the agent's reply and typing go to the channel's conversation as the bot's account under the agent's
/// name, the customer's next message reaches the desk, and after handback the bot answers again.
/// </summary>
public sealed class DeskBotConnectorTests : IAsyncLifetime
{
    private FakeBotFrameworkChannel _channel = null!;
    private DeskTestServer Server { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFrameworkChannel.StartAsync();
        _channel.RequireBotToken = false;
        Server = new DeskTestServer(new Dictionary<string, string?> { ["BotConnector:AppId"] = "" });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_answers_a_Bot_Connector_customer_and_hands_back()
    {
        var channelClient = Server.CreateClient();
        var desk = Server.Operator();
        var id = ActivityPosts.NewConversation();
        var sequence = 0;
        Task<HttpResponseMessage> Customer(string text) =>
            ActivityPosts.PostAsync(channelClient, ActivityPosts.Message(_channel.ServiceUrl, id, $"m-{++sequence}", text), token: null);
        IReadOnlyList<ReceivedActivity> ToCustomer() => [.. _channel.Received.Where(r => r.ConversationId == id)];

        Assert.Equal(HttpStatusCode.Accepted, (await Customer("I want to talk to a human agent")).StatusCode);
        var notice = await _channel.WaitForAsync(r => r.ConversationId == id && r.Activity.Text?.Contains("next in line", StringComparison.Ordinal) == true);
        Assert.Contains("4 minutes", notice[0].Activity.Text);

        var queue = await desk.GetFromJsonAsync<JsonElement>("/api/v1/handoffs");
        var item = Assert.Single(queue.EnumerateArray(), q => q.GetProperty("conversationId").GetString() == id);
        Assert.Equal("test", item.GetProperty("channelId").GetString());
        Assert.Equal(ActivityPosts.UserId, item.GetProperty("userId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await DeskCalls.ClaimAsync(desk, id, "Maria")).StatusCode);
        var typing = await desk.PostAsJsonAsync(DeskCalls.Path(id, "typing"), new JsonObject { ["agent"] = new JsonObject { ["name"] = "Maria" } });
        Assert.Equal(HttpStatusCode.Accepted, typing.StatusCode);
        await _channel.WaitForAsync(r => r.ConversationId == id && r.Activity.Type == "typing");

        var sent = await DeskCalls.SendAsync(desk, id, "Maria", "Hi, I'm looking at your order now.");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var reply = (await _channel.WaitForAsync(r => r.ConversationId == id && r.Activity.Text?.EndsWith("looking at your order now.", StringComparison.Ordinal) == true))[0];
        Assert.Equal("Maria: Hi, I'm looking at your order now.", reply.Activity.Text);
        Assert.Equal(ActivityPosts.BotId, reply.Activity.From?.Id); // channels accept only the bot's own account
        Assert.Equal("Maria", reply.Activity.From?.Name);
        Assert.Equal(ActivityPosts.UserId, reply.Activity.Recipient?.Id);

        // The customer's answer is not dropped: it reaches the desk with the model's reading, and the bot stays quiet.
        var before = ToCustomer().Count;
        Assert.Equal(HttpStatusCode.Accepted, (await Customer("thank you, it is order W100001")).StatusCode);
        JsonElement line = default;
        await DeskCalls.EventuallyAsync(async () =>
        {
            line = DeskCalls.Entries(await DeskCalls.TranscriptAsync(desk, id), "customer").FirstOrDefault(e => e.GetProperty("text").GetString() == "thank you, it is order W100001");
            return line.ValueKind == JsonValueKind.Object;
        });
        Assert.True(line.TryGetProperty("intent", out _) && line.TryGetProperty("sentiment", out _));
        Assert.Equal(before, ToCustomer().Count);

        var back = await desk.PostAsJsonAsync(DeskCalls.Path(id, "handback"), new JsonObject { ["note"] = "order located", ["agent"] = new JsonObject { ["name"] = "Maria" } });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        await _channel.WaitForAsync(r => r.ConversationId == id && r.Activity.Text?.Contains("Maria has handed you back", StringComparison.Ordinal) == true);
        var transcript = await DeskCalls.TranscriptAsync(desk, id);
        Assert.False(transcript.GetProperty("handedOff").GetBoolean());
        Assert.Contains(DeskCalls.Entries(transcript, "event"), e => e.GetProperty("text").GetString() == "Handed back to the bot by Maria: order located");

        // The bot answers the next message itself (replying to it, as the bot, with no agent name).
        Assert.Equal(HttpStatusCode.Accepted, (await Customer("hello")).StatusCode);
        var answer = (await _channel.WaitForAsync(r => r.ConversationId == id && r.ReplyToId == $"m-{sequence}"))[0];
        Assert.Equal("IntentBot", answer.Activity.From?.Name);
        Assert.DoesNotContain("Maria", answer.Activity.Text ?? "", StringComparison.Ordinal);
    }
}
