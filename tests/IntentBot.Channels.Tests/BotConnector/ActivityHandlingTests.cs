using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Channels.Tests.FakeChannel;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.Tests.BotConnector;

/// <summary>What /api/messages does with each kind of activity, with authentication on as in production.</summary>
[Collection(AuthenticatedChannelGroup.Name)]
public sealed class ActivityHandlingTests(AuthenticatedChannelFixture fixture)
{
    private FakeBotFrameworkChannel Channel => fixture.Channel;

    public static TheoryData<string, string> BadBodies => new()
    {
        { "not json", "{\"type\": \"message\", " },
        { "a JSON array", "[]" },
        { "null", "null" },
        { "wrong type for text", "{\"type\":\"message\",\"text\":{\"a\":1}}" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_gets_400_problem_details(string _, string body)
    {
        var response = await ActivityPosts.PostRawAsync(fixture.Client, body, Channel.CreateToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("type")]
    [InlineData("channelId")]
    [InlineData("serviceUrl")]
    [InlineData("conversation.id")]
    [InlineData("from.id")]
    public async Task A_missing_required_field_gets_400_naming_it(string field)
    {
        var activity = ActivityPosts.Message(Channel.ServiceUrl, ActivityPosts.NewConversation(), "m", "hi");
        switch (field)
        {
            case "conversation.id": activity["conversation"]!.AsObject().Remove("id"); break;
            case "from.id": activity["from"] = new JsonObject { ["name"] = "no id" }; break;
            default: activity.Remove(field); break;
        }
        // Token matches whatever serviceUrl the body has, so only the missing field can be the problem.
        var response = await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_fields_are_tolerated_and_reach_the_bot()
    {
        var conversation = ActivityPosts.NewConversation();
        var activity = ActivityPosts.Message(Channel.ServiceUrl, conversation, "u", "hi");
        activity["someFutureField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        activity["from"]!["futureProperty"] = true;

        var response = await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Channel.WaitForAsync(r => r.ConversationId == conversation);
        var seen = Assert.Single(fixture.Bot.Turns, t => t.Conversation?.Id == conversation);
        Assert.True(seen.ExtensionData?.ContainsKey("someFutureField"));
    }

    [Fact]
    public async Task The_same_activity_delivered_twice_is_processed_once()
    {
        var conversation = ActivityPosts.NewConversation();
        var activity = ActivityPosts.Message(Channel.ServiceUrl, conversation, "dup-1", "hello twice");

        var first = await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken());
        var retry = await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken());
        // A later activity in the same conversation: its turn runs after any turn of the duplicate would have.
        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "dup-2", "next"), Channel.CreateToken());
        await Channel.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == "dup-2");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(fixture.Bot.Turns, t => t.Conversation?.Id == conversation && t.Id == "dup-1");
        Assert.Single(Channel.Received, r => r.ConversationId == conversation && r.ReplyToId == "dup-1");
    }

    [Fact]
    public async Task The_same_activity_id_in_another_conversation_is_not_a_duplicate()
    {
        var (a, b) = (ActivityPosts.NewConversation(), ActivityPosts.NewConversation());
        Assert.Equal(HttpStatusCode.Accepted, (await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, a, "same-id", "x"), Channel.CreateToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, b, "same-id", "x"), Channel.CreateToken())).StatusCode);
        await Channel.WaitForAsync(r => r.ConversationId == a);
        await Channel.WaitForAsync(r => r.ConversationId == b);
    }

    [Fact]
    public async Task Invoke_returns_the_bots_invoke_response_synchronously_and_its_replies_are_delivered()
    {
        var conversation = ActivityPosts.NewConversation();
        var invoke = ActivityPosts.Message(Channel.ServiceUrl, conversation, "inv-1", "", channelId: "msteams");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "track", ["data"] = new JsonObject { ["order"] = 42 } } };

        var response = await ActivityPosts.PostAsync(fixture.Client, invoke, Channel.CreateToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("Tracking order 42", body.GetProperty("value").GetString());
        var seen = Assert.Single(fixture.Bot.Turns, t => t.Conversation?.Id == conversation);
        Assert.Equal("track", seen.Value?.GetProperty("action").GetProperty("verb").GetString());
        var reply = Assert.Single(await Channel.WaitForAsync(r => r.ConversationId == conversation));
        Assert.Equal("inv-1", reply.ReplyToId);
    }

    [Fact]
    public async Task Conversation_update_lets_the_bot_welcome_the_new_member()
    {
        var conversation = ActivityPosts.NewConversation();
        var update = ActivityPosts.Message(Channel.ServiceUrl, conversation, "cu-1", "");
        update["type"] = "conversationUpdate";
        update.Remove("text");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = ActivityPosts.UserId });

        Assert.Equal(HttpStatusCode.Accepted, (await ActivityPosts.PostAsync(fixture.Client, update, Channel.CreateToken())).StatusCode);

        var welcome = Assert.Single(await Channel.WaitForAsync(r => r.ConversationId == conversation));
        Assert.StartsWith("Welcome", welcome.Activity.Text);
    }

    [Theory]
    [InlineData("event")]
    [InlineData("endOfConversation")]
    public async Task Event_and_end_of_conversation_reach_the_bot(string type)
    {
        var conversation = ActivityPosts.NewConversation();
        var activity = ActivityPosts.Message(Channel.ServiceUrl, conversation, "t-1", "");
        activity["type"] = type;
        // Followed by a message so there is a reply to wait for: by then the first turn has run.
        Assert.Equal(HttpStatusCode.Accepted, (await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken())).StatusCode);
        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "t-2", "after"), Channel.CreateToken());
        await Channel.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == "t-2");

        Assert.Single(fixture.Bot.Turns, t => t.Conversation?.Id == conversation && t.Type == type);
    }

    [Fact]
    public async Task Typing_is_acknowledged_without_a_turn()
    {
        var conversation = ActivityPosts.NewConversation();
        var typing = ActivityPosts.Message(Channel.ServiceUrl, conversation, "ty-1", "");
        typing["type"] = "typing";

        var response = await ActivityPosts.PostAsync(fixture.Client, typing, Channel.CreateToken());
        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "ty-2", "after"), Channel.CreateToken());
        await Channel.WaitForAsync(r => r.ConversationId == conversation && r.ReplyToId == "ty-2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(fixture.Bot.Turns, t => t.Conversation?.Id == conversation && t.Type == "typing");
    }

    [Fact]
    public async Task Teams_tenant_is_read_cards_pass_through_and_suggested_actions_are_trimmed_to_three()
    {
        var conversation = ActivityPosts.NewConversation();
        var activity = ActivityPosts.Message(Channel.ServiceUrl, conversation, "teams-1", "card", channelId: "msteams");
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-contoso" }, ["teamsChannelId"] = "19:abc" };

        Assert.Equal(HttpStatusCode.Accepted, (await ActivityPosts.PostAsync(fixture.Client, activity, Channel.CreateToken())).StatusCode);

        var reply = Assert.Single(await Channel.WaitForAsync(r => r.ConversationId == conversation));
        Assert.Equal("tenant-contoso", Assert.Single(fixture.Bot.Turns, t => t.Conversation?.Id == conversation).Conversation?.TenantId);
        Assert.Equal("tenant-contoso", reply.Activity.Conversation?.TenantId);
        Assert.Equal(["Track", "Cancel", "Change"], reply.Activity.SuggestedActions!.Actions.Select(a => a.Title));
        var card = Assert.Single(reply.Activity.Attachments!);
        Assert.Equal(AttachmentContentTypes.AdaptiveCard, card.ContentType);
        Assert.True(JsonElement.DeepEquals(JsonSerializer.Deserialize<JsonElement>(RecordingBot.AdaptiveCardJson), card.Content!.Value));
    }

    [Fact]
    public async Task Other_channels_keep_all_suggested_actions()
    {
        var conversation = ActivityPosts.NewConversation();
        await ActivityPosts.PostAsync(fixture.Client, ActivityPosts.Message(Channel.ServiceUrl, conversation, "wc-1", "card", channelId: "webchat"), Channel.CreateToken());

        var reply = Assert.Single(await Channel.WaitForAsync(r => r.ConversationId == conversation));
        Assert.Equal(5, reply.Activity.SuggestedActions!.Actions.Count);
    }
}
