using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Engine.Parts;

public sealed class PluginResultsTests
{
    private sealed record Shipment(string Carrier);
    private sealed record OrderView(string Number, string Status, decimal Total, Shipment Shipment, string[] Items);
    private sealed record Reply(bool Ok, string Text, OrderView Data)
    {
        public override string ToString() => Text;
    }

    [Fact]
    public void A_shop_reply_prints_as_its_sentence_and_its_fields_become_snake_case_variables()
    {
        var variables = new Dictionary<string, string>();
        var json = PluginResults.Store(variables, "order",
            new Reply(true, "Order W1 is on its way.", new OrderView("W1", "shipped", 12.50m, new Shipment("DHL"), ["pan", "lid"])));

        Assert.NotNull(json);
        Assert.Equal("Order W1 is on its way.", variables["order"]);
        Assert.Equal("true", variables["order_ok"]);
        Assert.Equal("W1", variables["order_data_number"]);
        Assert.Equal("12.50", variables["order_data_total"]);
        Assert.Equal("DHL", variables["order_data_shipment_carrier"]);
        Assert.Equal("2", variables["order_data_items_count"]);
        Assert.Equal("pan", variables["order_data_items_first"]);
        // Chinese answers name a status in Chinese.
        Assert.Equal("shipped", variables["order_data_status"]);
        Assert.True(variables.ContainsKey("order_data_status_zh"));
    }

    [Fact]
    public void Plain_text_is_the_variable_and_no_card_data()
    {
        var variables = new Dictionary<string, string>();
        Assert.Null(PluginResults.Store(variables, "answer", "We open at 9."));
        Assert.Equal("We open at 9.", variables["answer"]);
        Assert.Single(variables);
    }

    [Fact]
    public void A_JSON_string_is_flattened_and_nothing_is_an_empty_variable()
    {
        var variables = new Dictionary<string, string>();
        Assert.NotNull(PluginResults.Store(variables, "found", """{"products":[{"id":"p7","price":null}]}"""));
        Assert.Equal("p7", variables["found_products_first_id"]);
        Assert.Equal("", variables["found_products_first_price"]);
        Assert.Null(PluginResults.Store(variables, "none", null));
        Assert.Equal("", variables["none"]);
    }
}
