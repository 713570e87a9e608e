using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace IntentBot.Faults.Tests;

/// <summary>
/// redis-server is killed with SIGKILL mid-conversation (while turns and events are being sent) and started
/// again on the same port and AOF directory. Nothing that was acknowledged is lost, requests during the outage
/// fail fast with 502/503, and the same server process serves new turns once Redis is back.
/// </summary>
public sealed class RedisCrashTests(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Phase(string name) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {name}");

    private static readonly string[] Texts = ["hi", "what delivery options do you have", "how long does delivery take", "thanks"];

    [Fact]
    public async Task Acknowledged_turns_and_events_survive_a_redis_sigkill_and_the_bot_recovers_without_a_restart()
    {
        await using var redis = StandaloneDeployment.Start();
        await CrashAndRecoverAsync(redis);
    }

    /// <summary>The same on a three-master Redis Cluster: every node (masters and replicas) is SIGKILLed at once.</summary>
    [Fact]
    public async Task Acknowledged_turns_and_events_survive_a_sigkill_of_a_whole_redis_cluster()
    {
        await using var redis = await ClusterDeployment.StartAsync();
        await CrashAndRecoverAsync(redis);
    }

    private async Task CrashAndRecoverAsync(IRedisDeployment redis)
    {
        await using var bot = await BotProcess.StartAsync(redis.ConnectionString);
        try
        {
            Phase("server ready");
            await RunAsync(redis, bot);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nServer output:\n" + bot.Output);
        }
    }

    private async Task RunAsync(IRedisDeployment redis, BotProcess bot)
    {
        var dl = new DirectLineClient(bot.Http);
        const string shopper = "faults-shopper";

        // Two conversations driven turn by turn (exact counts), one driven by a background loop that keeps
        // posting while Redis is killed under it (requests in flight at the moment of the crash).
        var (quiet, _) = await dl.StartAsync("quiet-user");
        var (load, _) = await dl.StartAsync("load-user");
        var acknowledgedQuiet = new List<string>();
        var events = new List<string>();
        var acknowledgedEvents = new ConcurrentBag<string>();

        async Task<HttpStatusCode> PostEventAsync(string id)
        {
            using var response = await bot.Http.PostAsJsonAsync("/api/v1/events", new
            {
                events = new[] { new { eventId = id, type = "view", userId = shopper, sessionId = "s1", timestamp = DateTimeOffset.UtcNow.ToString("O"), productId = "p1" } },
            });
            if (response.IsSuccessStatusCode) acknowledgedEvents.Add(id);
            return response.StatusCode;
        }

        var loadAcknowledged = new ConcurrentBag<string>();
        var loadAttempts = 0;
        var loadStatuses = new ConcurrentBag<HttpStatusCode>();
        using var stopLoad = new CancellationTokenSource();
        var loadTask = Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
            {
                Interlocked.Increment(ref loadAttempts);
                var (status, id) = await dl.PostAsync(load, "load-user", Texts[i % Texts.Length]);
                loadStatuses.Add(status);
                if (id is not null) loadAcknowledged.Add(id);
                var eventId = $"load-{i}";
                lock (events) events.Add(eventId);
                await PostEventAsync(eventId);
                if (status != HttpStatusCode.OK) await Task.Delay(100);
            }
        });

        // Before the crash: every request succeeds.
        for (var i = 0; i < 4; i++)
        {
            var (status, id) = await dl.PostAsync(quiet, "quiet-user", Texts[i]);
            Assert.Equal(HttpStatusCode.OK, status);
            acknowledgedQuiet.Add(id!);
            var eventId = $"quiet-{i}";
            lock (events) events.Add(eventId);
            Assert.Equal(HttpStatusCode.OK, await PostEventAsync(eventId));
        }
        await WaitUntilAsync(() => loadAcknowledged.Count >= 3, "the load loop to get going");

        Phase("killing redis");
        redis.Kill();

        // During the outage: the server answers, with 503 (store unavailable) or 502 (the bot's turn failed),
        // never with success and never by hanging (the client's timeout would fail the test).
        for (var i = 0; i < 2; i++)
        {
            var (status, _) = await dl.PostAsync(quiet, "quiet-user", "where is my order");
            Assert.Contains(status, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway });
            var eventId = $"outage-{i}";
            lock (events) events.Add(eventId);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostEventAsync(eventId));
        }
        var (pollStatus, _) = await dl.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{quiet}/activities");
        Assert.Contains(pollStatus, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway });

        Phase("restarting redis");
        await redis.RestartAsync();

        // The same server process reconnects by itself: a probe conversation gets through again.
        var (_, probe) = await RetryUntilAsync(() => dl.SendAsync(HttpMethod.Post, "/v3/directline/conversations", new { user = new { id = "probe-user" } }),
            r => r.Status == HttpStatusCode.Created);
        var probeId = probe.GetProperty("conversationId").GetString()!;
        await RetryUntilAsync(() => dl.PostAsync(probeId, "probe-user", "hi"), r => r.Status == HttpStatusCode.OK);

        Phase("recovered");
        // After the restart: every request succeeds again, on the conversation that lived through the crash.
        for (var i = 0; i < 4; i++)
        {
            var (status, id) = await dl.PostAsync(quiet, "quiet-user", Texts[i]);
            Assert.Equal(HttpStatusCode.OK, status);
            acknowledgedQuiet.Add(id!);
            var eventId = $"after-{i}";
            lock (events) events.Add(eventId);
            Assert.Equal(HttpStatusCode.OK, await PostEventAsync(eventId));
        }
        var loadBeforeStop = loadAcknowledged.Count;
        await WaitUntilAsync(() => loadAcknowledged.Count >= loadBeforeStop + 2, "the load loop to recover");
        await stopLoad.CancelAsync();
        await loadTask;
        // The loop ran through the crash: it saw refusals, and nothing but success, 502 or 503.
        Assert.Contains(loadStatuses, s => s != HttpStatusCode.OK);
        Assert.All(loadStatuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway }));

        Phase("load stopped");
        // The shop resends what was refused (events are idempotent by id): afterwards each event counts once.
        foreach (var id in events.Except(acknowledgedEvents).ToList())
            Assert.Equal(HttpStatusCode.OK, await PostEventAsync(id));

        Phase("resent");
        // 1. The quiet conversation: exactly the 8 acknowledged turns, each with its echo and the bot's reply.
        var quietState = await redis.ConversationAsync("quiet-user", quiet);
        Assert.NotNull(quietState);
        Assert.Equal(8, quietState.TurnCount);
        var (quietActivities, _) = await dl.ActivitiesAsync(quiet);
        AssertTurnsPresent(quietActivities, acknowledgedQuiet);
        Assert.Equal(8, quietActivities.Count(a => !DirectLineClient.FromBot(a)));

        // 2. The loaded conversation: every acknowledged turn is there; a turn refused mid-crash may or may not
        //    have counted, but never more than were attempted.
        var loadState = await redis.ConversationAsync("load-user", load);
        Assert.NotNull(loadState);
        Assert.InRange(loadState.TurnCount, loadAcknowledged.Count, loadAttempts);
        var (loadActivities, _) = await dl.ActivitiesAsync(load);
        AssertTurnsPresent(loadActivities, loadAcknowledged);

        // 3. Behaviour aggregates: every event exactly once (none lost by the crash, none doubled by the resend).
        using var context = await bot.Http.GetAsync($"/api/v1/users/{shopper}/context");
        Assert.Equal(HttpStatusCode.OK, context.StatusCode);
        var body = JsonDocument.Parse(await context.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(events.Distinct().Count(), body.GetProperty("user").GetProperty("events").GetInt32());
    }

    /// <summary>Each acknowledged user activity is in the transcript, followed by at least one bot reply to it.</summary>
    internal static void AssertTurnsPresent(List<JsonElement> activities, IEnumerable<string> acknowledged)
    {
        var ids = activities.Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in acknowledged)
        {
            var index = ids.IndexOf(id);
            Assert.True(index >= 0, $"Acknowledged activity {id} is missing from the transcript.");
            Assert.True(activities.Skip(index + 1).Any(a => DirectLineClient.FromBot(a) && DirectLineClient.ReplyTo(a) == id),
                $"The bot's reply to acknowledged activity {id} is missing from the transcript.");
        }
    }

    internal static async Task<T> RetryUntilAsync<T>(Func<Task<T>> attempt, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await attempt();
            if (done(result)) return result;
            Assert.True(DateTime.UtcNow < deadline, "The server did not recover after Redis came back.");
            await Task.Delay(100);
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
