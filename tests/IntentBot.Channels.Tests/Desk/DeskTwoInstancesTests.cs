using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntentBot.Channels.Tests.Desk;

/// <summary>
/// Two server instances on one real redis-server: the customer chats through instance B, agents work on A and B.
/// Claims are atomic across instances, the agent's reply on A reaches the customer's conversation on B, the
/// customer's answer on B reaches the desk on A (its live event stream too), and after handback the bot answers.
/// </summary>
public sealed class DeskTwoInstancesTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    // Properties, not fields: the instances are disposed in DisposeAsync (xunit's lifetime), not by IDisposable.
    private DeskTestServer A { get; set; } = null!;
    private DeskTestServer B { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = _redis.ConnectionString, ["Context:KeyPrefix"] = "desk2" };
        A = new DeskTestServer(settings);
        B = new DeskTestServer(settings);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_on_one_instance_claims_and_answers_a_customer_on_the_other()
    {
        var customer = new DirectLineCustomer(B.CreateClient(), "c-two-" + Guid.NewGuid().ToString("N")[..8]);
        await customer.StartAsync();
        var a = A.Operator();
        var b = B.Operator();
        using var events = await OpenEventsAsync(a);

        await customer.SayAsync("I want to talk to a human agent");
        var id = customer.ConversationId;
        var queued = await a.GetFromJsonAsync<JsonElement>("/api/v1/handoffs");
        Assert.Contains(queued.EnumerateArray(), q => q.GetProperty("conversationId").GetString() == id);
        await events.WaitForChangeAsync(); // A's desk pages hear of B's handoff

        // Sixteen agents race for it, half through each instance: exactly one wins, everyone else gets 409 naming the winner.
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => DeskCalls.ClaimAsync(i % 2 == 0 ? a : b, id, $"agent-{i}")));
        var won = Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(15, answers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = (await won.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("agent").GetString()!;
        var loser = Enumerable.Range(0, 16).Select(i => $"agent-{i}").First(n => n != winner);
        foreach (var conflict in answers.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Contains(winner, (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await DeskCalls.SendAsync(b, id, loser, "let me take this")).StatusCode);

        // The winner answers on A; the customer's conversation (held by B) has it, as the agent, at once.
        Assert.Equal(HttpStatusCode.Created, (await DeskCalls.SendAsync(a, id, winner, "Hello, I'm from the shop's team.")).StatusCode);
        var replies = await customer.RepliesAsync();
        var reply = Assert.Single(replies, r => r.Text == "Hello, I'm from the shop's team.");
        Assert.Equal(winner, reply.Name);
        Assert.Equal(winner, reply.Agent);
        Assert.NotEqual("intentbot", reply.From);

        // The customer answers on B: the desk on A shows it with the model's reading, and A's event stream fires.
        var seen = events.Changes;
        await customer.SayAsync("my parcel has not arrived");
        JsonElement line = default;
        await DeskCalls.EventuallyAsync(async () =>
        {
            line = DeskCalls.Entries(await DeskCalls.TranscriptAsync(a, id), "customer").FirstOrDefault(e => e.GetProperty("text").GetString() == "my parcel has not arrived");
            return line.ValueKind == JsonValueKind.Object;
        });
        Assert.False(string.IsNullOrEmpty(line.GetProperty("intent").GetString()));
        Assert.InRange(line.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.Contains(line.GetProperty("sentiment").GetString(), new[] { "negative", "neutral", "positive" });
        await events.WaitForChangeAsync(seen);
        // The bot said nothing to it: a person owns the conversation.
        Assert.Equal(replies.Count, (await customer.RepliesAsync()).Count);

        // Handback on A; the next customer message on B gets the bot's answer.
        var back = await a.PostAsJsonAsync(DeskCalls.Path(id, "handback"), new JsonObject { ["note"] = "told them about the delay", ["agent"] = new JsonObject { ["name"] = winner } });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.DoesNotContain((await a.GetFromJsonAsync<JsonElement>("/api/v1/handoffs")).EnumerateArray(), q => q.GetProperty("conversationId").GetString() == id);
        var before = await customer.RepliesAsync();
        Assert.Contains(before, r => r.Text.Contains($"{winner} has handed you back", StringComparison.Ordinal) && r.From == "intentbot");
        await customer.SayAsync("where is my order?");
        var after = await customer.RepliesAsync();
        Assert.True(after.Count > before.Count, "the bot answers again");
        Assert.Equal("intentbot", after[^1].From);
        Assert.Null(after[^1].Agent);
    }

    private static async Task<EventStream> OpenEventsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/desk/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, await response.Content.ReadAsStreamAsync());
        await stream.WaitForAsync("ready");
        return stream;
    }

    /// <summary>Reads a server-sent event stream in the background, counting "change" events.</summary>
    private sealed class EventStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _events = [];
        private readonly Task _reader;

        public EventStream(HttpResponseMessage response, Stream body)
        {
            _response = response;
            _reader = Task.Run(async () =>
            {
                using var reader = new StreamReader(body);
                while (!_stop.IsCancellationRequested && await reader.ReadLineAsync(_stop.Token) is { } line)
                    if (line.StartsWith("event: ", StringComparison.Ordinal)) lock (_events) _events.Add(line["event: ".Length..]);
            });
        }

        public int Changes { get { lock (_events) return _events.Count(e => e == "change"); } }

        public Task WaitForChangeAsync(int seen = 0) => DeskCalls.EventuallyAsync(() => Task.FromResult(Changes > seen));

        public Task WaitForAsync(string name) => DeskCalls.EventuallyAsync(() => Task.FromResult(Has(name)));

        private bool Has(string name) { lock (_events) return _events.Contains(name); }

        public void Dispose()
        {
            _stop.Cancel();
            _response.Dispose();
            _stop.Dispose();
        }
    }
}
