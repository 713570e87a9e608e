using System.Net;
using System.Text.Json.Nodes;
using IntentBot.Context.Behaviour;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Behaviour;

/// <summary>Helpers to write event batches as a shop would send them.</summary>
internal static class Events
{
    public static string Now(int secondsAgo = 0) => DateTimeOffset.UtcNow.AddSeconds(-secondsAgo).ToString("O");

    public static Dictionary<string, object?> Event(string user, string type, string? product = null, decimal? price = null, string session = "s1",
        string? id = null, int? quantity = null, string? query = null, string? pageKind = null, double? dwell = null, string? category = null) => new()
    {
        ["eventId"] = id ?? $"e-{Guid.NewGuid():N}",
        ["type"] = type,
        ["userId"] = user,
        ["sessionId"] = session,
        ["timestamp"] = Now(),
        ["productId"] = product,
        ["category"] = category,
        ["price"] = price,
        ["quantity"] = quantity,
        ["query"] = query,
        ["pageKind"] = pageKind,
        ["dwellSeconds"] = dwell,
    };

    public static StringContent Batch(params Dictionary<string, object?>[] events) => Json.Body(Json.Serialize(new { events }));

    public static async Task<JsonNode> ContextAsync(HttpClient client, string user, string? session = null)
    {
        var response = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(user)}/context" + (session is null ? "" : $"?sessionId={Uri.EscapeDataString(session)}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}

public sealed class EventsApiTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    private static string NewUser() => $"shopper-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_batch_builds_the_live_context()
    {
        var user = NewUser();
        var response = await _client.PostAsync("/api/v1/events", Events.Batch(
            Events.Event(user, "search", query: "kettle", dwell: 4),
            Events.Event(user, "view", "p1", 30m, dwell: 50, category: "kitchen"),
            Events.Event(user, "page_view", pageKind: "policy", dwell: 20),
            Events.Event(user, "add_to_cart", "p1", 30m, quantity: 2),
            Events.Event(user, "checkout_start")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(5, (int)body["accepted"]!);
        Assert.Equal(0, (int)body["duplicates"]!);
        Assert.Equal("accepted", (string)body["results"]![4]!["status"]!);

        var store = server.Factory.Services.GetRequiredService<IBehaviourStore>();
        await store.RecordChatTurnAsync(user, "s1", "delivery_period", 0.93f, "neutral", DateTimeOffset.UtcNow);

        var context = await Events.ContextAsync(_client, user);
        Assert.Equal("s1", (string)context["sessionId"]!);
        Assert.Equal(5, (int)context["user"]!["events"]!);
        Assert.Equal(60m, (decimal)context["session"]!["cart"]!["value"]!);
        Assert.Equal(2, (int)context["session"]!["cart"]!["items"]!);
        Assert.Equal(1, (int)context["session"]!["pageViews"]!["policy"]!);
        Assert.Equal(74.0, (double)context["session"]!["dwell"]!["totalSeconds"]!, 3);
        Assert.Equal("kitchen", (string)context["user"]!["recentCategories"]![0]!);
        Assert.Equal("checkout_start", (string)context["recentEvents"]![0]!["type"]!);
        Assert.Equal("kettle", (string)context["recentEvents"]![4]!["query"]!);
        Assert.Equal("delivery_period", (string)context["recentChatTurns"]![0]!["intent"]!);
        Assert.Equal("neutral", (string)context["session"]!["chat"]!["lastSentiment"]!);

        var intent = context["purchaseIntent"]!;
        Assert.Equal("s1", (string)intent["sessionId"]!);
        Assert.Equal(60m, (decimal)intent["snapshot"]!["cartValue"]!);
        Assert.True((bool)intent["snapshot"]!["checkoutStarted"]!);
        Assert.Equal(2.0, (double)intent["features"]!["informational"]!); // the policy page and the delivery question
        Assert.InRange((double)intent["probability"]!, 0.0, 1.0);
        Assert.Contains((string)intent["level"]!, new[] { "low", "medium", "high" });
        Assert.StartsWith("purchase-intent@", (string)intent["model"]!, StringComparison.Ordinal);
        Assert.NotEmpty(intent["factors"]!.AsArray());
        Assert.NotNull(intent["factors"]![0]!["feature"]);
    }

    [Fact]
    public async Task Every_event_moves_the_purchase_intent_estimate()
    {
        var user = NewUser();
        await _client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, "view", "p1", 40m, dwell: 30), Events.Event(user, "view", "p2", 35m, dwell: 20)));
        var browsing = (double)(await Events.ContextAsync(_client, user))["purchaseIntent"]!["probability"]!;

        await _client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, "add_to_cart", "p1", 40m), Events.Event(user, "checkout_start")));
        var context = await Events.ContextAsync(_client, user);
        var buying = (double)context["purchaseIntent"]!["probability"]!;

        // A cart raises the page-value estimate, the strongest purchase signal the model learned.
        Assert.True(buying > browsing, $"browsing {browsing}, with a cart {buying}");
        Assert.Contains(context["purchaseIntent"]!["factors"]!.AsArray(), f => (string)f!["feature"]! == "PageValues");
    }

    [Fact]
    public async Task Retried_events_are_counted_once()
    {
        var user = NewUser();
        var add = Events.Event(user, "add_to_cart", "p1", 10m, id: "order-line-1");
        var first = await Json.ReadAsync(await _client.PostAsync("/api/v1/events", Events.Batch(add, add)));
        Assert.Equal((1, 1), ((int)first["accepted"]!, (int)first["duplicates"]!));
        Assert.Equal("duplicate", (string)first["results"]![1]!["status"]!);

        var retry = await Json.ReadAsync(await _client.PostAsync("/api/v1/events", Events.Batch(add)));
        Assert.Equal((0, 1), ((int)retry["accepted"]!, (int)retry["duplicates"]!));

        var context = await Events.ContextAsync(_client, user);
        Assert.Equal(1, (int)context["user"]!["events"]!);
        Assert.Equal(10m, (decimal)context["user"]!["cart"]!["value"]!);
    }

    [Fact]
    public async Task Parallel_requests_for_one_user_are_all_counted()
    {
        var user = NewUser();
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(r => _client.PostAsync("/api/v1/events",
            Events.Batch(Enumerable.Range(0, 10).Select(i => Events.Event(user, "add_to_cart", $"p{i}", 0.5m, session: $"s{r % 2}")).ToArray()))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var context = await Events.ContextAsync(_client, user);
        Assert.Equal(160, (int)context["user"]!["events"]!);
        Assert.Equal(80m, (decimal)context["user"]!["cart"]!["value"]!);
        Assert.Equal(80, (int)(await Events.ContextAsync(_client, user, "s0"))["session"]!["events"]!);
    }

    /// <summary>Each case: how to spoil an otherwise valid event, and the field the problem must name.</summary>
    public static TheoryData<string, string, string> BadEvents() => new()
    {
        { "eventId", "missing", "events[1].eventId" },
        { "eventId", "has space", "events[1].eventId" },
        { "eventId", "x" + new string('a', 128), "events[1].eventId" },
        { "type", "teleport", "events[1].type" },
        { "type", "", "events[1].type" },
        { "userId", "missing", "events[1].userId" },
        { "userId", new string('u', 257), "events[1].userId" },
        { "userId", "a\u0007b", "events[1].userId" },
        { "sessionId", "   ", "events[1].sessionId" },
        { "timestamp", "missing", "events[1].timestamp" },
        { "timestamp", "2026-11-23 10:00", "events[1].timestamp" },
        { "timestamp", "2026-11-23T10:00:00", "events[1].timestamp" },      // no offset
        { "timestamp", "future", "events[1].timestamp" },
        { "timestamp", "ancient", "events[1].timestamp" },
        { "productId", "missing", "events[1].productId" },
        { "productId", new string('p', 129), "events[1].productId" },
        { "category", "number", "events[1].category" },
        { "price", "-1", "events[1].price" },
        { "price", "1.23456", "events[1].price" },
        { "price", "\"ten\"", "events[1].price" },
        { "price", "1e12", "events[1].price" },
        { "price", "missing", "events[1].price" },
        { "quantity", "0", "events[1].quantity" },
        { "quantity", "1.5", "events[1].quantity" },
        { "quantity", "100001", "events[1].quantity" },
        { "dwellSeconds", "-3", "events[1].dwellSeconds" },
        { "dwellSeconds", "90000", "events[1].dwellSeconds" },
        { "pageKind", "help", "events[1].pageKind" },                        // only page_view has one
        { "query", "long", "events[1].query" },
        { "unknownField", "1", "events[1].unknownField" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Every_bad_field_is_named_and_nothing_of_the_batch_is_stored(string field, string spoil, string mention)
    {
        var user = NewUser();
        var good = Events.Event(user, "view", "p0", 1m);
        var bad = Events.Event(user, "add_to_cart", "p1", 2m);
        switch (spoil)
        {
            case "missing": bad.Remove(field); break;
            case "future": bad[field] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"); break;
            case "ancient": bad[field] = DateTimeOffset.UtcNow.AddDays(-400).ToString("O"); break;
            case "number": bad[field] = 42; break;
            case "long": bad["type"] = "search"; bad[field] = new string('q', 257); break;
            default:
                bad[field] = field is "price" or "quantity" or "dwellSeconds" or "unknownField" ? JsonNode.Parse(spoil) : spoil;
                break;
        }

        var response = await _client.PostAsync("/api/v1/events", Events.Batch(good, bad));

        var problem = await AssertValidationProblemAsync(response, mention);
        Assert.Single(problem["errors"]!.AsObject()); // exactly the spoiled field, not a cascade
        var context = await _client.GetAsync($"/api/v1/users/{user}/context");
        Assert.Equal(HttpStatusCode.NotFound, context.StatusCode); // the good event was not stored either
    }

    [Theory]
    [InlineData("page_view", null, "events[0].pageKind")]          // page_view needs a kind
    [InlineData("page_view", "lobby", "events[0].pageKind")]       // from the known list
    [InlineData("search", null, "events[0].query")]                // search needs its query
    public async Task Type_specific_fields_are_checked(string type, string? pageKind, string mention)
    {
        var user = NewUser();
        var response = await _client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, type, pageKind: pageKind)));
        await AssertValidationProblemAsync(response, mention);
    }

    [Theory]
    [InlineData("""[]""", "body")]
    [InlineData("""{}""", "events")]
    [InlineData("""{"events": {}}""", "events")]
    [InlineData("""{"events": []}""", "events")]
    [InlineData("""{"events": [42]}""", "events[0]")]
    [InlineData("""{"events": [], "extra": 1}""", "extra")]
    public async Task Bad_batches_get_problem_details(string body, string mention)
    {
        await AssertValidationProblemAsync(await _client.PostAsync("/api/v1/events", Json.Body(body)), mention);
    }

    [Fact]
    public async Task Too_many_events_malformed_json_and_wrong_media_type_are_refused()
    {
        var user = NewUser();
        var many = Enumerable.Range(0, 501).Select(_ => Events.Event(user, "view", "p")).ToArray();
        await BadInputTests.AssertProblemAsync(await _client.PostAsync("/api/v1/events", Events.Batch(many)), HttpStatusCode.BadRequest, "At most 500 events");
        await BadInputTests.AssertProblemAsync(await _client.PostAsync("/api/v1/events", Json.Body("{\"events\": [")), HttpStatusCode.BadRequest, "Malformed JSON");
        await BadInputTests.AssertProblemAsync(await _client.PostAsync("/api/v1/events", Json.Body("{}", "text/plain")), HttpStatusCode.UnsupportedMediaType, "Unsupported Media Type");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/users/{user}/context")).StatusCode);
    }

    [Fact]
    public async Task Context_of_an_unknown_user_is_404_and_bad_ids_are_400()
    {
        await BadInputTests.AssertProblemAsync(await _client.GetAsync($"/api/v1/users/{NewUser()}/context"), HttpStatusCode.NotFound, "No context");
        await BadInputTests.AssertProblemAsync(await _client.GetAsync($"/api/v1/users/{new string('x', 257)}/context"), HttpStatusCode.BadRequest, "longer than 256");
        await BadInputTests.AssertProblemAsync(await _client.GetAsync("/api/v1/users/u/context?sessionId=%20"), HttpStatusCode.BadRequest, "sessionId");
    }

    [Fact]
    public async Task Deleting_a_user_erases_their_behaviour_in_the_embedded_store()
    {
        var user = NewUser();
        await _client.PostAsync("/api/v1/events", Events.Batch(Events.Event(user, "view", "p1")));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/users/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/users/{user}/context")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_behaviour_endpoints()
    {
        var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await Json.ReadAsync(response))["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/events"));
        Assert.True(paths.ContainsKey("/api/v1/users/{id}/context"));
    }

    private static async Task<JsonNode> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json.ReadAsync(response);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"expected an error for {field}: {problem.ToJsonString()}");
        return problem;
    }
}

public sealed class EventsApiKeyTests : IDisposable
{
    private readonly IntentBotFactory _factory = new(new Dictionary<string, string?> { ["Api:Keys:0"] = "shop-key" });

    [Fact]
    public async Task Events_and_context_need_an_api_key_like_classification()
    {
        var client = _factory.CreateClient();
        var batch = Events.Batch(Events.Event("keyed-user", "view", "p1"));
        await BadInputTests.AssertProblemAsync(await client.PostAsync("/api/v1/events", batch), HttpStatusCode.Unauthorized, "API key");
        await BadInputTests.AssertProblemAsync(await client.GetAsync("/api/v1/users/keyed-user/context"), HttpStatusCode.Unauthorized, "API key");

        client.DefaultRequestHeaders.Add("X-Api-Key", "shop-key");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/events", Events.Batch(Events.Event("keyed-user", "view", "p1")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/keyed-user/context")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
