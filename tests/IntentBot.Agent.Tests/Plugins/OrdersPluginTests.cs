using IntentBot.Agent.Plugins;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Plugins;

public sealed class OrdersPluginTests
{
    private readonly Kernel _kernel = PluginKernel.Create();

    private static KernelArguments Order(string number) => new() { ["orderNumber"] = number };

    [Fact]
    public async Task Status_of_a_shipped_order_names_carrier_tracking_and_arrival()
    {
        var reply = await _kernel.CallAsync<OrderView>("orders", "status", Order("W100001"));

        Assert.True(reply.Ok);
        Assert.Equal("shipped", reply.Data!.Status);
        Assert.Equal("c1001", reply.Data.CustomerId);
        Assert.Contains("was shipped", reply.Text);
        Assert.Contains(reply.Data.TrackingNumber!, reply.Text);
        Assert.Contains("Estimated delivery", reply.Text);
    }

    [Fact]
    public async Task Template_engine_embeds_the_customer_ready_sentence()
    {
        var template = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig("Status: {{orders.status $orderNumber}}"));

        var rendered = await template.RenderAsync(_kernel, Order("w100003"));

        Assert.StartsWith("Status: Order W100003 (Northwind Stormshell Waterproof Rain Jacket) was delivered on ", rendered);
    }

    [Fact]
    public async Task Unknown_order_is_a_clear_not_found_reply()
    {
        var reply = await _kernel.CallAsync<OrderView>("orders", "status", Order("W999999"));

        Assert.False(reply.Ok);
        Assert.Equal("not_found", reply.Code);
        Assert.Contains("W999999", reply.Text);
    }

    [Fact]
    public async Task Cancel_quotes_the_fee_then_cancels_and_status_follows()
    {
        var quote = await _kernel.CallAsync<CancellationView>("orders", "cancellation_fee", Order("W100002"));
        Assert.True(quote.Ok);
        Assert.Equal(5.00m, quote.Data!.Fee);
        Assert.Equal("processing", quote.Data.Order!.Status);

        var cancel = await _kernel.CallAsync<CancellationView>("orders", "cancel", new KernelArguments { ["orderNumber"] = "W100002", ["reason"] = "Ordered by mistake" });
        Assert.True(cancel.Ok);
        Assert.Equal("cancelled", cancel.Data!.Order!.Status);
        Assert.Contains("€5.00", cancel.Text);

        var status = await _kernel.CallAsync<OrderView>("orders", "status", Order("W100002"));
        Assert.Equal("cancelled", status.Data!.Status);
    }

    [Fact]
    public async Task Cancel_of_a_shipped_order_is_refused_with_the_policy_note()
    {
        var reply = await _kernel.CallAsync<CancellationView>("orders", "cancel", Order("W100001"));

        Assert.False(reply.Ok);
        Assert.Equal("not_allowed_in_status", reply.Code);
        Assert.Contains("on its way", reply.Text);
    }

    [Fact]
    public async Task Change_address_before_shipping_succeeds_and_after_shipping_is_refused()
    {
        KernelArguments Address(string number) => new()
        {
            ["orderNumber"] = number, ["name"] = "Anna Schmidt", ["line1"] = "Gartenweg 5", ["postalCode"] = "10115", ["city"] = "Berlin", ["country"] = "de",
        };

        var ok = await _kernel.CallAsync<OrderView>("orders", "change_address", Address("W100002"));
        Assert.True(ok.Ok, ok.Text);
        Assert.Equal("Berlin, DE", ok.Data!.ShipTo);

        var refused = await _kernel.CallAsync<OrderView>("orders", "change_address", Address("W100001"));
        Assert.False(refused.Ok);
        Assert.Equal("not_allowed_in_status", refused.Code);
    }

    [Fact]
    public async Task Invoice_exists_once_paid_only()
    {
        var paid = await _kernel.CallAsync<IntentBot.Shop.Invoice>("orders", "invoice", Order("W100003"));
        Assert.True(paid.Ok);
        Assert.Contains(paid.Data!.InvoiceNumber, paid.Text);

        var unpaid = await _kernel.CallAsync<IntentBot.Shop.Invoice>("orders", "invoice", Order("W100006"));
        Assert.False(unpaid.Ok);
        Assert.Equal("not_available", unpaid.Code);
    }

    [Fact]
    public async Task Returns_follow_the_refund_window()
    {
        var inside = await _kernel.CallAsync<ReturnView>("orders", "return_eligibility", Order("W100003"));
        Assert.True(inside.Ok);
        Assert.Equal(DateOnly.FromDateTime(PluginKernel.Now.UtcDateTime).AddDays(20), inside.Data!.WindowEndsOn);

        var outside = await _kernel.CallAsync<ReturnView>("orders", "start_return", new KernelArguments { ["orderNumber"] = "W100004", ["reason"] = "Too big" });
        Assert.False(outside.Ok);
        Assert.Equal("outside_window", outside.Code);

        var started = await _kernel.CallAsync<ReturnView>("orders", "start_return", new KernelArguments { ["orderNumber"] = "W100003", ["reason"] = "Wrong size" });
        Assert.True(started.Ok, started.Text);
        Assert.Equal("R-W100003", started.Data!.ReturnId);
        Assert.Equal("return_requested", started.Data.Order!.Status);

        var refund = await _kernel.CallAsync<RefundView>("orders", "refund_status", Order("W100003"));
        Assert.True(refund.Ok);
        Assert.Equal("pending", refund.Data!.Status);
        Assert.Equal(149.00m, refund.Data.Amount);
    }

    [Fact]
    public async Task Refund_status_reports_processing_with_the_expected_date()
    {
        var reply = await _kernel.CallAsync<RefundView>("orders", "refund_status", Order("W100010"));

        Assert.True(reply.Ok);
        Assert.Equal("processing", reply.Data!.Status);
        Assert.Equal(DateOnly.FromDateTime(PluginKernel.Now.UtcDateTime).AddDays(3), reply.Data.ExpectedBy);
        Assert.Contains("should arrive by", reply.Text);
    }

    [Fact]
    public async Task List_gives_the_customers_orders_newest_first()
    {
        var reply = await _kernel.CallAsync<IReadOnlyList<OrderView>>("orders", "list", new KernelArguments { ["customerId"] = "c1001", ["limit"] = "10" });

        Assert.True(reply.Ok);
        Assert.All(reply.Data!, o => Assert.Equal("c1001", o.CustomerId));
        Assert.Contains(reply.Data!, o => o.Number == "W100001");
        Assert.Equal(reply.Data!.OrderByDescending(o => o.PlacedOn).Select(o => o.PlacedOn), reply.Data!.Select(o => o.PlacedOn));
    }
}
