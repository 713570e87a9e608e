using System.Text.Json.Nodes;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Tests.Plugins;
using IntentBot.Shop.Sample;

namespace IntentBot.Agent.Tests.Llm;

/// <summary>
/// The real shop plugins over the committed sample shop (Anna Schmidt, c1001, owns W100001), called by the real
/// connector's function calling on behalf of a fake model on loopback.
/// </summary>
public sealed class ShopPluginsOverLlmTests
{
    private static LlmOptions Options(FakeOpenAiServer server) => new()
    {
        Endpoint = server.Endpoint,
        Model = "test-model",
        Plugins = ["orders", "catalog", "policies", "promotions"],
        ExcludedFunctions = ["orders-cancel", "orders-change_address", "orders-start_return"],
    };

    private static FreeFormRequest Anna(string text) => new("c1001", "conv-anna", text, "track_order", 0.42f, false, "neutral", []);

    private static async Task<(string? Answer, SampleShop Shop)> AskAsync(FakeOpenAiServer server, string text)
    {
        var kernel = PluginKernel.Create(out var shop);
        using var responder = new OpenAiFreeFormResponder(Options(server), new CapturingLoggerFactory(), shop);
        return (await responder.TryAnswerAsync(Anna(text), kernel, CancellationToken.None), shop);
    }

    private static string ToolContent(RecordedRequest request) =>
        (string?)request.Body!["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!["content"] ?? "";

    [Fact]
    public async Task The_orders_status_result_of_the_real_plugin_reaches_the_model()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-status", """{"orderNumber":"W100001"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("Your order W100001 is on its way with DHL.")));

        var (answer, _) = await AskAsync(server, "where is W100001?");

        Assert.Equal("Your order W100001 is on its way with DHL.", answer);
        var content = ToolContent(server.Received[1]);
        var reply = JsonNode.Parse(content)!;
        Assert.Equal("W100001", (string?)reply["Data"]!["Number"]);
        Assert.Equal("shipped", (string?)reply["Data"]!["Status"]);
        Assert.Contains("DHL", content);
    }

    [Fact]
    public async Task Offered_tools_leave_out_changes_and_hide_the_customer_id()
    {
        await using var server = FakeOpenAiServer.Start((_, _) => FakeReply.Json(FakeOpenAiServer.Answer("Hello!")));

        await AskAsync(server, "hi");

        var tools = server.Received[0].Body!["tools"]!.AsArray().Select(t => t!["function"]!).ToList();
        var names = tools.Select(t => (string?)t["name"]).ToList();
        Assert.Contains("orders-status", names);
        Assert.Contains("catalog-search", names);
        Assert.Contains("policies-refund", names);
        Assert.Contains("promotions-active", names);
        Assert.DoesNotContain("orders-cancel", names);
        Assert.DoesNotContain("orders-change_address", names);
        Assert.DoesNotContain("orders-start_return", names);
        var list = tools.Single(t => (string?)t["name"] == "orders-list");
        Assert.False(list["parameters"]!["properties"]!.AsObject().ContainsKey("customerId"));
    }

    [Theory]
    [InlineData("orders-status", "W100004")]        // Lukas Weber's order
    [InlineData("orders-refund_status", "W100009")] // Sofia Rossi's refund: its view names no customer
    [InlineData("orders-invoice", "W100007")]
    public async Task Another_customers_order_is_answered_not_found(string function, string orderNumber)
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", function, $$"""{"orderNumber":"{{orderNumber}}"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("I could not find that order in your account.")));

        var (answer, _) = await AskAsync(server, $"what about {orderNumber}?");

        Assert.Equal("I could not find that order in your account.", answer);
        Assert.Equal(OtherCustomersDataText, ToolContent(server.Received[1]));
    }

    [Fact]
    public async Task Orders_list_uses_the_signed_in_customer_whatever_the_model_asks()
    {
        await using var server = FakeOpenAiServer.Start((index, _) => index == 0
            ? FakeReply.Json(FakeOpenAiServer.ToolCall("call_1", "orders-list", """{"customerId":"c1002"}"""))
            : FakeReply.Json(FakeOpenAiServer.Answer("Here are your orders.")));

        await AskAsync(server, "show my orders");

        var content = ToolContent(server.Received[1]);
        Assert.Contains("W100001", content);
        Assert.DoesNotContain("W100004", content);
    }

    private const string OtherCustomersDataText = "Not found: there is no such record for this customer.";
}
