using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using IntentBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Agent.Tests.Server;

/// <summary>The agent inside the real server: registered as IBot, the handoff queue and the API-key protected handback.</summary>
public sealed class AgentServerTests
{
    private const string Key = "operator-secret";

    [Fact]
    public async Task Handoff_is_listed_for_the_console_and_handback_makes_the_bot_answer_again()
    {
        await using var factory = new AgentServerFactory(new() { ["Api:Keys:0"] = Key });
        // Channels reach the agent through the customers' message feedback.
        var bot = factory.Services.GetRequiredService<IBot>();
        Assert.IsType<IntentBot.Server.Insights.FeedbackBot>(bot);
        var http = factory.CreateClient();

        var handoff = await bot.OnTurnAsync(Message("conv-http-1", "I want to talk to a person"), CancellationToken.None);
        Assert.Contains(handoff.Replies, a => a.Type == ActivityTypes.Event && a.Name == "handoff");
        Assert.Empty((await bot.OnTurnAsync(Message("conv-http-1", "hello?"), CancellationToken.None)).Replies);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/handoffs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/v1/conversations/conv-http-1/handback", null)).StatusCode);
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        var open = await http.GetFromJsonAsync<JsonElement>("/api/v1/handoffs");
        var entry = Assert.Single(open.EnumerateArray());
        Assert.Equal("conv-http-1", entry.GetProperty("conversationId").GetString());
        Assert.Equal("requested", entry.GetProperty("reason").GetString());

        var back = await http.PostAsync("/api/v1/conversations/conv-http-1/handback", null);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var state = await factory.Services.GetRequiredService<IConversationStore>().GetConversationAsync("c1001", "conv-http-1");
        Assert.False(state!.Value.HandedOff);
        var reply = await bot.OnTurnAsync(Message("conv-http-1", "hello"), CancellationToken.None);
        Assert.Contains(reply.Replies, a => a.Text?.Contains("How can I help", StringComparison.Ordinal) == true);

        var again = await http.PostAsync("/api/v1/conversations/conv-http-1/handback", null);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/v1/handoffs")).EnumerateArray());
    }

    [Fact]
    public async Task The_behaviour_context_feeds_recommendations_and_records_each_chat_turn()
    {
        await using var factory = new AgentServerFactory([]);
        var bot = factory.Services.GetRequiredService<IBot>();
        var behaviour = factory.Services.GetRequiredService<IBehaviourStore>();
        var now = DateTimeOffset.UtcNow;
        await behaviour.AppendAsync(
        [
            new BehaviourEvent { EventId = "e1", Type = BehaviourEventTypes.Search, UserId = "c1001", SessionId = "s1", Timestamp = now.AddMinutes(-3), Query = "espresso machine" },
            new BehaviourEvent { EventId = "e2", Type = BehaviourEventTypes.View, UserId = "c1001", SessionId = "s1", Timestamp = now.AddMinutes(-2), ProductId = "P1005", Category = "home-kitchen", Price = 399m },
        ]);

        await bot.OnTurnAsync(Message("conv-behaviour", "what would you recommend"), CancellationToken.None);
        var reply = await bot.OnTurnAsync(Message("conv-behaviour", "something for my kitchen"), CancellationToken.None);
        var cards = reply.Replies.SelectMany(r => r.Attachments ?? []).Select(a => a.Content!.Value.GetRawText()).ToList();
        Assert.Contains(cards, c => c.Contains("Espresso", StringComparison.OrdinalIgnoreCase));

        var context = await behaviour.GetContextAsync("c1001");
        Assert.Contains(context!.RecentChatTurns, t => t.Intent == "recommendation" && t.SessionId == "conv-behaviour");
    }

    [Fact]
    public async Task A_broken_dialog_stops_start_up_with_its_message()
    {
        var folder = Directory.CreateTempSubdirectory("intentbot-dialogs-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(AgentHarness.DialogsPath, "*.yaml"))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var path = Path.Combine(folder, "track_order.yaml");
            File.WriteAllText(path, File.ReadAllText(path).Replace("orders.status", "orders.where_is", StringComparison.Ordinal));

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AgentHarness.RepoRoot, EnvironmentName = "Testing" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Nlu:ExecutionProvider"] = "Cpu",
                ["Agent:DialogsPath"] = folder,
                ["Urls"] = "http://127.0.0.1:0",
            });
            builder.AddIntentBot();
            await using var app = builder.Build();
            app.MapIntentBot();
            var error = await Assert.ThrowsAsync<DialogValidationException>(() => app.StartAsync());
            Assert.Contains("track_order.yaml: actions[0].function: unknown plugin function 'orders.where_is'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task With_an_Llm_endpoint_configured_the_server_answers_free_form_questions_through_the_model()
    {
        const string answer = "I can help with orders, deliveries, returns and our products.";
        await using var model = Llm.FakeOpenAiServer.Start((_, _) => Llm.FakeReply.Json(Llm.FakeOpenAiServer.Answer(answer)));
        await using var factory = new AgentServerFactory(new() { ["Llm:Endpoint"] = model.Endpoint, ["Llm:Model"] = "test-model" });
        var bot = factory.Services.GetRequiredService<IBot>();

        var reply = await bot.OnTurnAsync(Message("conv-llm", "What is the capital of France?"), CancellationToken.None);

        Assert.Contains(reply.Replies, a => a.Text == answer);
        Assert.Single(model.Received);
    }

    private static Activity Message(string conversationId, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "test",
        Text = text,
        From = new ChannelAccount { Id = "c1001" },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = conversationId },
    };

    private sealed class AgentServerFactory(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(AgentHarness.RepoRoot);
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(config =>
            {
                config.AddInMemoryCollection(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cpu" });
                config.AddInMemoryCollection(settings);
            });
        }
    }
}
