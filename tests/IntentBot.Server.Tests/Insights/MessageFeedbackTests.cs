using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IntentBot.Server.Tests.Insights;

/// <summary>
/// Web Chat's thumbs on the wire (Direct Line, real server and model): which replies carry them, what a rating does,
/// and that a client can rate only its own messages, once each; plus the desk's correction route refusing bad input.
/// </summary>
public sealed class MessageFeedbackTests
{
    private const string Event = "webchat:activity-status/feedback";

    [Fact]
    public async Task A_thumbs_down_queues_the_customers_own_message_once_and_forged_ratings_are_ignored()
    {
        await using var factory = new IntentBotFactory();
        var http = factory.CreateClient();
        var chat = await ChatAsync(http);
        await chat.PostAsync($$"""{"type":"message","from":{"id":"{{chat.User}}"},"text":"Where is my order?"}""");
        var activities = await chat.ActivitiesAsync();

        // The welcome answers nothing; the reply to the message carries the Message entity with both actions.
        var welcome = activities.First(a => (string?)a["from"]!["role"] == "bot");
        Assert.Null(welcome["entities"]);
        var customer = activities.Single(a => (string?)a["text"] == "Where is my order?");
        var reply = activities.Last(a => (string?)a["from"]!["role"] == "bot" && (string?)a["replyToId"] == (string?)customer["id"]);
        var message = reply["entities"]!.AsArray().Single(e => (string?)e!["@type"] == "Message")!;
        Assert.Equal("", (string?)message["@id"]);
        var actions = message["potentialAction"]!.AsArray();
        Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => (string?)a!["@type"]));
        var dislike = actions[1]!;
        Assert.Equal((string?)customer["id"], (string?)dislike["object"]!["@id"]);

        // Web Chat sends back the action it was given, as the only entity of an event; twice is still one item.
        for (var i = 0; i < 2; i++) await chat.PostAsync(Rating(chat.User, dislike));
        // Forged: the bot's own reply, and a message of another conversation, named as the rated message.
        await chat.PostAsync(Rating(chat.User, Retarget(dislike, (string)reply["id"]!)));
        var other = await ChatAsync(http);
        await other.PostAsync($$"""{"type":"message","from":{"id":"{{other.User}}"},"text":"I want to cancel my order"}""");
        var foreign = (await other.ActivitiesAsync()).Single(a => (string?)a["text"] == "I want to cancel my order");
        await chat.PostAsync(Rating(chat.User, Retarget(dislike, (string)foreign["id"]!)));

        var items = (await Json.ReadAsync(await http.GetAsync("/api/v1/insights/review?status=open"))).AsArray();
        var item = Assert.Single(items, i => (string?)i!["source"] == "rated_down")!;
        Assert.Equal("Where is my order?", (string?)item["text"]);
        Assert.Equal(chat.User, (string?)item["userId"]);

        // Erasing the customer erases the item.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/v1/users/{chat.User}")).StatusCode);
        items = (await Json.ReadAsync(await http.GetAsync("/api/v1/insights/review?status=open"))).AsArray();
        Assert.DoesNotContain(items, i => (string?)i!["source"] == "rated_down");
    }

    [Theory]
    [InlineData("c-none", """{"entry":0,"label":"not_an_intent","agent":{"name":"Maria"}}""", HttpStatusCode.BadRequest, "label")]
    [InlineData("c-none", """{"entry":0,"label":"track_order"}""", HttpStatusCode.BadRequest, "agent.name")]
    [InlineData("c-none", """{"entry":0,"label":"track_order","agent":{"name":"Maria"}}""", HttpStatusCode.NotFound, null)]
    [InlineData("c-none", """[1]""", HttpStatusCode.BadRequest, "body")]
    public async Task A_correction_with_bad_input_is_a_problem_and_stores_nothing(string conversation, string body, HttpStatusCode status, string? field)
    {
        await using var factory = new IntentBotFactory();
        var http = factory.CreateClient();
        var response = await http.PostAsync($"/api/v1/conversations/{conversation}/corrections", Json.Body(body));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.NotNull((await Json.ReadAsync(response))["errors"]![field]);
        Assert.Empty((await Json.ReadAsync(await http.GetAsync("/api/v1/insights/review"))).AsArray());
    }

    [Fact]
    public async Task A_correction_names_a_customer_line_of_the_transcript()
    {
        await using var factory = new IntentBotFactory();
        var http = factory.CreateClient();
        var chat = await ChatAsync(http);
        await chat.PostAsync($$"""{"type":"message","from":{"id":"{{chat.User}}"},"text":"I want to talk to a human agent"}""");
        var transcript = await Json.ReadAsync(await http.GetAsync($"/api/v1/conversations/{chat.Conversation}/transcript"));
        var entries = transcript["entries"]!.AsArray();
        var customerLine = entries.Select((e, i) => (e, i)).First(x => (string?)x.e!["role"] == "customer").i;
        var otherLine = entries.Select((e, i) => (e, i)).First(x => (string?)x.e!["role"] != "customer").i;

        foreach (var entry in new[] { otherLine, entries.Count, -1 })
        {
            var refused = await http.PostAsync($"/api/v1/conversations/{chat.Conversation}/corrections",
                Correction(entry, "track_order"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        for (var i = 0; i < 2; i++)
        {
            var stored = await http.PostAsync($"/api/v1/conversations/{chat.Conversation}/corrections",
                Correction(customerLine, i == 0 ? "track_order" : "complaint"));
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }
        // Correcting the same line again replaces the item.
        var corrected = Assert.Single((await Json.ReadAsync(await http.GetAsync("/api/v1/insights/review?status=corrected"))).AsArray())!;
        Assert.Equal("complaint", (string?)corrected["label"]);
        Assert.Equal("Maria", (string?)corrected["reviewer"]);
        Assert.Equal("I want to talk to a human agent", (string?)corrected["text"]);
    }

    private static StringContent Correction(int entry, string label) =>
        Json.Body(new JsonObject { ["entry"] = entry, ["label"] = label, ["agent"] = new JsonObject { ["name"] = "Maria" } }.ToJsonString());

    private static string Rating(string user, JsonNode action) =>
        new JsonObject { ["type"] = "event", ["name"] = Event, ["from"] = new JsonObject { ["id"] = user }, ["entities"] = new JsonArray(action.DeepClone()) }.ToJsonString();

    private static JsonNode Retarget(JsonNode action, string activityId)
    {
        var copy = action.DeepClone();
        copy["object"]!["@id"] = activityId;
        return copy;
    }

    private sealed record Chat(HttpClient Http, string Token, string User, string Conversation)
    {
        public async Task PostAsync(string activity)
        {
            var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{Conversation}/activities", activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        public async Task<List<JsonNode>> ActivitiesAsync()
        {
            var set = await Json.ReadAsync(await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{Conversation}/activities", null));
            return [.. set["activities"]!.AsArray().Select(a => a!)];
        }

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            if (json is not null) request.Content = Json.Body(json);
            return Http.SendAsync(request);
        }
    }

    private static async Task<Chat> ChatAsync(HttpClient http)
    {
        var issued = await Json.ReadAsync(await http.PostAsync("/api/v1/directline/token", null));
        var chat = new Chat(http, (string)issued["token"]!, (string)issued["userId"]!, (string)issued["conversationId"]!);
        Assert.Equal(HttpStatusCode.Created, (await chat.SendAsync(HttpMethod.Post, "/v3/directline/conversations", null)).StatusCode);
        return chat;
    }
}
