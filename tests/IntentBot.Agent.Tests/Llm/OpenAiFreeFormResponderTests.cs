using System.Text.Json.Nodes;
using IntentBot.Agent.Llm;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>
/// The real Semantic Kernel OpenAI connector, real function calling over a real plugin, against a fake
/// OpenAI-compatible server on loopback.
/// </summary>
public sealed class OpenAiFreeFormResponderTests
{
    private const string ApiKey = "sk-test-7f3a9c";
    private const string Question = "Where is my order W100001? It is late again";

    private static LlmOptions Options(FakeOpenAiServer server, Action<LlmOptions>? configure = null)
    {
        var options = new LlmOptions { Endpoint = server.Endpoint, Model = "test-model", ApiKey = ApiKey, MaxOutputTokens = 321 };
        configure?.Invoke(options);
        return options;
    }

    private static FreeFormRequest Request(params string[] recentTurns) =>
        new("user-1", "conv-1", Question, "out_of_scope", 0.31f, true, "negative", recentTurns);

    private static async Task<string?> AskAsync(FakeOpenAiServer server, TestOrdersPlugin plugin, LlmOptions options,
        ILoggerFactory? logs = null, FreeFormRequest? request = null)
    {
        using var responder = new OpenAiFreeFormResponder(options, logs ?? new CapturingLoggerFactory());
        return await responder.TryAnswerAsync(request ?? Request(), TestOrdersPlugin.KernelWith(plugin), CancellationToken.None);
    }

    private static JsonArray Messages(RecordedRequest request) => request.Body!["messages"]!.AsArray();

    [Fact]
    public async Task Tool_call_round_trips_over_http_and_the_final_answer_is_returned()
    {
        const string final = "Your order W100001 shipped on 20 November with DHL.";
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-status", """{"orderNumber":"W100001"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer(final)));
        var plugin = new TestOrdersPlugin();

        var answer = await AskAsync(server, plugin, Options(server));

        Assert.Equal(final, answer);
        Assert.Equal(1, plugin.StatusCalls);
        var requests = server.Received;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/v1/chat/completions", r.Path));

        // First request: model id, system prompt first, the question last, the plugin offered as a tool.
        var first = requests[0].Body!;
        Assert.Equal("test-model", (string?)first["model"]);
        var messages = Messages(requests[0]);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.StartsWith("You are the customer-service assistant of an online shop", (string?)messages[0]!["content"]);
        Assert.Contains("Never invent order", (string?)messages[0]!["content"]);
        Assert.Equal("user", (string?)messages[^1]!["role"]);
        Assert.Equal(Question, (string?)messages[^1]!["content"]);
        var toolNames = first["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]).ToList();
        Assert.Contains("orders-status", toolNames);

        // Second request: the assistant's tool call, then the real plugin's output as the tool message.
        var second = Messages(requests[1]);
        var toolMessage = second.Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("call_1", (string?)toolMessage["tool_call_id"]);
        Assert.Contains("shipped on 2026-11-20 with DHL", (string?)toolMessage["content"]);
        var assistantCall = second.Single(m => (string?)m!["role"] == "assistant")!;
        Assert.Equal("orders-status", (string?)assistantCall["tool_calls"]![0]!["function"]!["name"]);
    }

    [Fact]
    public async Task Token_cap_model_and_api_key_are_sent()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Hello!")));

        Assert.Equal("Hello!", await AskAsync(server, new TestOrdersPlugin(), Options(server)));

        var request = server.Received.Single();
        Assert.Equal("Bearer " + ApiKey, request.Authorization);
        Assert.Equal(321, (int?)request.Body!["max_completion_tokens"]);
        Assert.Equal(321, (int?)request.Body!["max_tokens"]);
        Assert.NotEqual(true, (bool?)request.Body!["stream"]);
    }

    [Fact]
    public async Task Legacy_max_tokens_can_be_switched_off_and_no_key_sends_no_authorization()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Hello!")));

        var answer = await AskAsync(server, new TestOrdersPlugin(), Options(server, o => { o.ApiKey = ""; o.SendLegacyMaxTokens = false; }));

        Assert.Equal("Hello!", answer);
        var request = server.Received.Single();
        Assert.Null(request.Authorization);
        Assert.Equal(321, (int?)request.Body!["max_completion_tokens"]);
        Assert.Null(request.Body!["max_tokens"]);
    }

    [Fact]
    public async Task Custom_system_prompt_and_recent_turns_are_sent_as_alternating_roles()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Sure.")));
        var request = Request("bot: Hi! How can I help?", "customer: I ordered a lamp", "customer: last week",
            "bot: Which order number?", "customer: " + Question);

        await AskAsync(server, new TestOrdersPlugin(), Options(server, o => o.SystemPrompt = "You are Bob, the lamp shop's helper."), request: request);

        var messages = Messages(server.Received.Single());
        var roles = messages.Select(m => (string?)m!["role"]).ToList();
        Assert.Equal(["system", "user", "assistant", "user"], roles);
        Assert.StartsWith("You are Bob, the lamp shop's helper.", (string?)messages[0]!["content"]);
        Assert.Equal("I ordered a lamp\nlast week", (string?)messages[1]!["content"]);
        Assert.Equal("Which order number?", (string?)messages[2]!["content"]);
        // The current message, repeated at the end of the recent turns, is sent once.
        Assert.Equal(Question, (string?)messages[3]!["content"]);
        // Identity never goes to the model.
        Assert.DoesNotContain("user-1", server.Received.Single().RawBody);
        Assert.DoesNotContain("conv-1", server.Received.Single().RawBody);
    }

    [Fact]
    public async Task Excluded_functions_and_unlisted_plugins_are_not_offered()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Ok.")));

        await AskAsync(server, new TestOrdersPlugin(), Options(server, o => { o.Plugins = ["orders"]; o.ExcludedFunctions = ["orders-cancel"]; }));
        await AskAsync(server, new TestOrdersPlugin(), Options(server, o => o.Plugins = ["catalog"]));

        var requests = server.Received;
        var offered = requests[0].Body!["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]).ToList();
        Assert.Equal(["orders-status", "orders-list", "orders-history"], offered);
        Assert.Null(requests[1].Body!["tools"]);
    }

    [Fact]
    public async Task The_customer_id_is_hidden_from_the_model_and_bound_to_the_signed_in_customer()
    {
        // The model tries to list someone else's orders.
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-list", """{"customerId":"user-2","limit":3}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("You have one order.")));
        var plugin = new TestOrdersPlugin();

        var answer = await AskAsync(server, plugin, Options(server));

        Assert.Equal("You have one order.", answer);
        Assert.Equal(["user-1"], plugin.ListedFor);
        var list = server.Received[0].Body!["tools"]!.AsArray().Single(t => (string?)t!["function"]!["name"] == "orders-list")!;
        var properties = list["function"]!["parameters"]!["properties"]!.AsObject();
        Assert.False(properties.ContainsKey("customerId"));
        Assert.True(properties.ContainsKey("limit"));
        var toolMessage = Messages(server.Received[1]).Single(m => (string?)m!["role"] == "tool")!;
        Assert.Contains("W100001", (string?)toolMessage["content"]);
        Assert.DoesNotContain("W100002", (string?)toolMessage["content"]);
    }

    [Fact]
    public async Task Another_customers_order_is_withheld_from_the_model()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-status", """{"orderNumber":"W100002"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("I could not find that order.")));
        var plugin = new TestOrdersPlugin();

        var answer = await AskAsync(server, plugin, Options(server));

        Assert.Equal("I could not find that order.", answer);
        Assert.Equal(1, plugin.StatusCalls);
        var toolMessage = Messages(server.Received[1]).Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("Not found: there is no such record for this customer.", (string?)toolMessage["content"]);
        Assert.DoesNotContain("Elm Street", server.Received[1].RawBody);
    }

    [Fact]
    public async Task A_call_to_an_excluded_function_is_refused_and_falls_back()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-cancel", """{"orderNumber":"W100001"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("I cancelled it.")));
        var plugin = new TestOrdersPlugin();
        var logs = new CapturingLoggerFactory();

        var answer = await AskAsync(server, plugin, Options(server, o => o.ExcludedFunctions = ["orders-cancel"]), logs);

        Assert.Null(answer);
        Assert.Equal(0, plugin.CancelCalls);
        Assert.Contains("1 tool call(s) were refused", logs.AllText);
    }

    [Fact]
    public async Task Timeout_returns_null()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(200,
            FakeOpenAiServer.Answer("too late").ToJsonString(), Delay: TimeSpan.FromSeconds(30)));
        var logs = new CapturingLoggerFactory();

        var answer = await AskAsync(server, new TestOrdersPlugin(), Options(server, o => o.Timeout = TimeSpan.FromSeconds(1)), logs);

        Assert.Null(answer);
        Assert.Contains("timed out", logs.AllText);
    }

    [Fact]
    public async Task Http_500_returns_null_without_retrying()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(500, """{"error":{"message":"model crashed"}}"""));
        var logs = new CapturingLoggerFactory();

        var answer = await AskAsync(server, new TestOrdersPlugin(), Options(server), logs);

        Assert.Null(answer);
        Assert.Single(server.Received);
        Assert.Contains("HTTP status 500", logs.AllText);
    }

    [Fact]
    public async Task Malformed_json_returns_null()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(200, """{"id": "x", "choices": [ {"message": """));
        var logs = new CapturingLoggerFactory();

        Assert.Null(await AskAsync(server, new TestOrdersPlugin(), Options(server), logs));
        Assert.Contains("LLM call failed", logs.AllText);
    }

    [Fact]
    public async Task A_response_without_choices_returns_null()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(200, """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}"""));

        Assert.Null(await AskAsync(server, new TestOrdersPlugin(), Options(server)));
    }

    [Theory]
    [InlineData(null, "stop")]
    [InlineData("   ", "stop")]
    [InlineData("Your order W100001 shipped on", "length")]
    [InlineData("<tool_call>\n{\"name\": \"orders-status\", \"arguments\": {\"orderNumber\": \"W100001\"}}\n</tool_call>", "stop")]
    [InlineData("[TOOL_CALLS][{\"name\": \"orders-status\"}]", "stop")]
    [InlineData("Sure!<|im_end|>", "stop")]
    public async Task Empty_truncated_or_raw_markup_answers_return_null(string? content, string finishReason)
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer(content, finishReason)));
        var logs = new CapturingLoggerFactory();

        Assert.Null(await AskAsync(server, new TestOrdersPlugin(), Options(server), logs));
        var expected = finishReason == "length" ? "cut off at the token cap"
            : string.IsNullOrWhiteSpace(content) ? "the answer was empty" : "raw tool-call or chat-template markup";
        Assert.Contains(expected, logs.AllText);
    }

    [Fact]
    public async Task Too_many_tool_rounds_return_null()
    {
        // A model that never stops calling tools.
        await using var server = FakeOpenAiServer.Start((index, _) =>
            FakeReply.Json(FakeOpenAiServer.ToolCall($"call_{index}", "orders-status", """{"orderNumber":"W100001"}""")));
        var plugin = new TestOrdersPlugin();
        var logs = new CapturingLoggerFactory();

        var answer = await AskAsync(server, plugin, Options(server, o => o.MaxToolRounds = 2), logs);

        Assert.Null(answer);
        Assert.Equal(2, plugin.StatusCalls);
        Assert.Equal(3, server.Received.Count);
        Assert.Contains("after 2 round(s)", logs.AllText);
    }

    [Fact]
    public async Task Tool_calls_within_the_round_cap_still_answer()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index < 2
            ? FakeReply.Json(FakeOpenAiServer.ToolCall($"call_{index}", "orders-status", """{"orderNumber":"W100001"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("It shipped.")));

        Assert.Equal("It shipped.", await AskAsync(server, new TestOrdersPlugin(), Options(server, o => o.MaxToolRounds = 2)));
    }

    [Fact]
    public async Task A_failing_tool_returns_null_instead_of_letting_the_model_guess()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-history", "{}"))
            : FakeReply.Json(FakeOpenAiServer.Answer("You have no orders.")));
        var logs = new CapturingLoggerFactory();

        Assert.Null(await AskAsync(server, new TestOrdersPlugin(), Options(server), logs));
        Assert.Contains("tool orders-history failed with InvalidOperationException", logs.AllText);
    }

    [Theory]
    [InlineData("orders-refund", """{"orderNumber":"W100001"}""")]
    [InlineData("orders-status", """{"orderNumber": """)]
    public async Task Unknown_functions_or_unreadable_arguments_return_null(string function, string arguments)
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", function, arguments))
            : FakeReply.Json(FakeOpenAiServer.Answer("Refund issued.")));
        var logs = new CapturingLoggerFactory();

        Assert.Null(await AskAsync(server, new TestOrdersPlugin(), Options(server), logs));
        Assert.Contains("1 tool call(s) were refused", logs.AllText);
    }

    [Fact]
    public async Task Logs_never_carry_the_api_key_or_the_customer_text()
    {
        var logs = new CapturingLoggerFactory();
        await using (var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-status", """{"orderNumber":"W100001"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("It shipped."))))
            await AskAsync(server, new TestOrdersPlugin(), Options(server), logs);
        await using (var failing = FakeOpenAiServer.Start((_, _) => new FakeReply(401, """{"error":{"message":"bad key"}}""")))
            await AskAsync(failing, new TestOrdersPlugin(), Options(failing), logs);

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(ApiKey, logs.AllText);
        Assert.DoesNotContain("W100001", logs.AllText);
        Assert.DoesNotContain("late again", logs.AllText);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(200,
            FakeOpenAiServer.Answer("too late").ToJsonString(), Delay: TimeSpan.FromSeconds(30)));
        using var responder = new OpenAiFreeFormResponder(Options(server), new CapturingLoggerFactory());
        using var cancelled = new CancellationTokenSource();
        cancelled.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            responder.TryAnswerAsync(Request(), TestOrdersPlugin.KernelWith(new TestOrdersPlugin()), cancelled.Token));
    }

    [Fact]
    public async Task The_agents_kernel_is_left_untouched()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Hi.")));
        var kernel = TestOrdersPlugin.KernelWith(new TestOrdersPlugin());
        using var responder = new OpenAiFreeFormResponder(Options(server), new CapturingLoggerFactory());

        await responder.TryAnswerAsync(Request(), kernel, CancellationToken.None);

        Assert.Empty(kernel.AutoFunctionInvocationFilters);
        Assert.Equal(["status", "list", "cancel", "history"], kernel.Plugins["orders"].Select(f => f.Name));
    }
}
