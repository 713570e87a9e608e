using System.Text.Json.Nodes;
using IntentBot.Agent.Llm;
using IntentBot.Home;
using IntentBot.Nlu;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Llm;

public sealed class LlmRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFreeFormResponder();
        return services.BuildServiceProvider();
    }

    /// <summary>What the host does at start-up with AddOptionsWithValidateOnStart.</summary>
    private static void ValidateAtStartUp(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    [Fact]
    public async Task No_endpoint_means_no_llm()
    {
        using var services = Build(new() { ["Llm:Endpoint"] = "", ["Llm:Model"] = "" });
        ValidateAtStartUp(services);

        var responder = services.GetRequiredService<IFreeFormResponder>();

        Assert.IsType<NoFreeFormResponder>(responder);
        var request = new FreeFormRequest("u", "c", "hello?", "out_of_scope", 0.2f, true, "neutral", []);
        Assert.Null(await responder.TryAnswerAsync(request, new Kernel(), CancellationToken.None));
    }

    [Fact]
    public async Task An_endpoint_selects_the_openai_responder_bound_from_configuration()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Hello from the model.")));
        using var services = Build(new()
        {
            ["Llm:Endpoint"] = server.Endpoint,
            ["Llm:Model"] = "qwen2.5-3b-instruct",
            ["Llm:Timeout"] = "00:00:05",
            ["Llm:MaxOutputTokens"] = "64",
        });
        ValidateAtStartUp(services);

        var responder = services.GetRequiredService<IFreeFormResponder>();
        var answer = await responder.TryAnswerAsync(
            new FreeFormRequest("u", "c", "hello?", "greeting", 0.9f, false, "neutral", []), new Kernel(), CancellationToken.None);

        Assert.IsType<OpenAiFreeFormResponder>(responder);
        Assert.Equal("Hello from the model.", answer);
        var body = server.Received.Single().Body!;
        Assert.Equal("qwen2.5-3b-instruct", (string?)body["model"]);
        Assert.Equal(64, (int?)body["max_completion_tokens"]);
    }

    [Theory]
    [InlineData("Llm:Endpoint", "localhost:8080/v1", "absolute http(s) URL")]
    [InlineData("Llm:Endpoint", "ftp://127.0.0.1/v1", "absolute http(s) URL")]
    [InlineData("Llm:Model", "", "Llm:Model is required")]
    [InlineData("Llm:Timeout", "00:00:00", "Timeout")]
    [InlineData("Llm:Timeout", "00:02:00", "Timeout")]
    [InlineData("Llm:MaxOutputTokens", "8", "MaxOutputTokens")]
    [InlineData("Llm:MaxOutputTokens", "100000", "MaxOutputTokens")]
    [InlineData("Llm:MaxToolRounds", "0", "MaxToolRounds")]
    [InlineData("Llm:SystemPromptPath", "no/such/prompt.txt", "does not exist")]
    public void Bad_settings_fail_at_start_up(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Llm:Endpoint"] = "http://127.0.0.1:8080/v1", ["Llm:Model"] = "m" };
        settings[key] = value;
        using var services = Build(settings);

        var error = Assert.ThrowsAny<Exception>(() => ValidateAtStartUp(services));

        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public void The_shipped_appsettings_are_valid_once_an_endpoint_is_set_and_keep_changes_away_from_the_model()
    {
        var settings = Flatten(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.LocateHome(), "appsettings.json")))!, "");
        Assert.Equal("", settings["Llm:Endpoint"]);
        settings["Llm:Endpoint"] = "http://127.0.0.1:11434/v1";
        settings["Llm:Model"] = "qwen2.5:7b";
        using var services = Build(settings);

        ValidateAtStartUp(services);

        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal(["orders", "catalog", "policies", "promotions"], options.Plugins);
        Assert.Contains("orders-cancel", options.ExcludedFunctions);
        Assert.Contains("orders-change_address", options.ExcludedFunctions);
        Assert.Contains("orders-start_return", options.ExcludedFunctions);
    }

    /// <summary>appsettings.json as configuration keys ("Llm:Plugins:0"), without the JSON provider package.</summary>
    private static Dictionary<string, string?> Flatten(JsonNode node, string prefix)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                    if (value is not null) foreach (var pair in Flatten(value, prefix.Length == 0 ? key : $"{prefix}:{key}")) result[pair.Key] = pair.Value;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } item) foreach (var pair in Flatten(item, $"{prefix}:{i}")) result[pair.Key] = pair.Value;
                break;
            default:
                result[prefix] = node.ToString();
                break;
        }
        return result;
    }

    [Fact]
    public void A_system_prompt_file_is_read_relative_to_the_home()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intentbot-prompt-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "  You are the lamp shop's helper.\n");
        try
        {
            var options = new LlmOptions { Endpoint = "http://127.0.0.1:1/v1", Model = "m", SystemPromptPath = path };
            Assert.Equal("You are the lamp shop's helper.", options.LoadSystemPrompt());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_default_system_prompt_is_used_when_none_is_configured() =>
        Assert.Equal(LlmPrompts.DefaultSystemPrompt, new LlmOptions().LoadSystemPrompt());
}
