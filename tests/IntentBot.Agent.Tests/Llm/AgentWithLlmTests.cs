using IntentBot.Agent.Llm;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>
/// The whole agent (real model, store, dialogs, shop plugins) with the OpenAI responder against a fake model on
/// loopback: an out-of-scope turn is answered by the model; when the model fails, by the template.
/// </summary>
public sealed class AgentWithLlmTests
{
    private const string OffTopic = "What is the capital of France?";

    private static OpenAiFreeFormResponder Responder(FakeOpenAiServer server, AgentHarness? harness = null) => new(
        new LlmOptions { Endpoint = server.Endpoint, Model = "test-model", Plugins = ["orders", "catalog", "policies", "promotions"] },
        new CapturingLoggerFactory(), harness?.Shop);

    [Fact]
    public async Task An_out_of_scope_turn_is_answered_by_the_model_with_the_conversation_so_far()
    {
        const string answer = "I can only help with your orders and our products; is there anything about your order W100001?";
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer(answer)));
        using var responder = Responder(server);
        var conversation = AgentHarness.Create(freeForm: responder).Start("c1001");

        await conversation.SayAsync("hello");
        var reply = await conversation.SayAsync(OffTopic);

        reply.Says(answer);
        var request = server.Received.Single();
        var messages = request.Body!["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal(OffTopic, (string?)messages[^1]!["content"]);
        // The greeting turn came along as earlier conversation, the current message only once.
        Assert.Contains(messages, m => (string?)m!["role"] == "user" && (string?)m["content"] == "hello");
        Assert.Contains(messages, m => (string?)m!["role"] == "assistant");
        Assert.Single(messages, m => ((string?)m!["content"])?.Contains(OffTopic, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task When_the_model_fails_the_template_answer_is_given()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => new FakeReply(503, """{"error":{"message":"overloaded"}}"""));
        using var responder = Responder(server);
        var withoutLlm = await AgentHarness.Create().Start("c1001").SayAsync(OffTopic);

        var reply = await AgentHarness.Create(freeForm: responder).Start("c1001").SayAsync(OffTopic);

        Assert.Single(server.Received);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(withoutLlm.Text, reply.Text);
    }
}
