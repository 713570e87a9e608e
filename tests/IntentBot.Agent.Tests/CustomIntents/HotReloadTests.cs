using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net.Http.Json;
using System.Text.Json;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using IntentBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Agent.Tests.CustomIntents;

/// <summary>A running server learns a custom intent from a dialog file saved into its folder, without a restart.</summary>
public sealed class HotReloadTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = ShopIntents.CopyDialogs(withCustom: false);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_new_dialog_file_is_live_within_seconds_for_classify_and_the_agent_and_a_broken_one_changes_nothing()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        const string message = "could you wrap it up as a gift for me";
        Assert.NotEqual("gift_wrapping", await LabelAsync(http, message));

        var saved = Stopwatch.StartNew();
        File.Copy(Path.Combine(ShopIntents.ExamplesFolder, "gift_wrapping.yaml"), Path.Combine(_folder, "gift_wrapping.yaml"));
        while (await LabelAsync(http, message) != "gift_wrapping")
        {
            // A guard against a reload that never happens, not a speed test: the time is written out and README states it.
            Assert.True(saved.Elapsed < TimeSpan.FromMinutes(3), "the new intent was not live three minutes after the file was saved");
            await Task.Delay(200);
        }
        output.WriteLine($"gift_wrapping was live {saved.Elapsed.TotalSeconds:0.0} s after its file was saved");
        var model = await http.GetFromJsonAsync<JsonElement>("/api/v1/model");
        Assert.Contains(model.GetProperty("labels").GetProperty("intent").EnumerateArray(), i => i.GetProperty("name").GetString() == "gift_wrapping");

        var bot = app.Services.GetRequiredService<IBot>();
        var reply = await bot.OnTurnAsync(Message("conv-gift", "can you gift wrap the scarf I'm buying"), CancellationToken.None);
        Assert.Contains(reply.Replies, a => a.Text?.Contains("gift-wrap any order", StringComparison.Ordinal) == true);

        // Too few examples: the reload is refused and the running intents stay.
        File.WriteAllText(Path.Combine(_folder, "engraving.yaml"), """
            intent: engraving
            title: Engraving
            example: can you engrave my ring
            examples: [can you engrave my ring, do you do engraving]
            responses: [{ text: "We engrave for €10." }]
            """);
        await Task.Delay(3000);
        Assert.Null(app.Services.GetRequiredService<DialogCatalog>().Find("engraving"));
        Assert.Equal("gift_wrapping", await LabelAsync(http, message));

        File.Delete(Path.Combine(_folder, "engraving.yaml"));
        File.Delete(Path.Combine(_folder, "gift_wrapping.yaml"));
        saved.Restart();
        while (await LabelAsync(http, message) == "gift_wrapping")
        {
            Assert.True(saved.Elapsed < TimeSpan.FromMinutes(3), "the removed intent was still read three minutes after its file was deleted");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Too_few_examples_stop_start_up_with_the_file_and_what_to_add()
    {
        File.WriteAllText(Path.Combine(_folder, "engraving.yaml"), """
            intent: engraving
            title: Engraving
            example: can you engrave my ring
            examples: [can you engrave my ring, do you do engraving, engraving please]
            responses: [{ text: "We engrave for €10." }]
            """);
        var error = await Assert.ThrowsAsync<DialogValidationException>(async () => { await using var app = await StartAsync(); });
        Assert.Contains("engraving.yaml: examples: engraving has 3 different examples, it needs at least 5", error.Message, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AgentHarness.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nlu:ExecutionProvider"] = "Cpu",
            ["Agent:DialogsPath"] = _folder,
            ["Agent:ReloadQuietMilliseconds"] = "300",
            ["Urls"] = "http://127.0.0.1:0",
        });
        builder.AddIntentBot();
        var app = builder.Build();
        app.MapIntentBot();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private static async Task<string?> LabelAsync(HttpClient http, string text)
    {
        var response = await http.PostAsJsonAsync("/api/v1/classify", new { text });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var result = body.GetProperty("results")[0];
        return result.GetProperty("outOfScope").GetBoolean() ? "out_of_scope" : result.GetProperty("intent").GetProperty("label").GetString();
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
}
