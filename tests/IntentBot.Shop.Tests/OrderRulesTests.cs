namespace IntentBot.Shop.Tests;

/// <summary>Every outcome rule of the order service, on the sample shop's fixtures.</summary>
public sealed class OrderRulesTests
{
    private readonly ManualClock _clock = new(SampleData.Now);
    private readonly Sample.SampleShop _shop;

    public OrderRulesTests() => _shop = Sample.SampleShop.Load(SampleData.SeedPath, _clock);

    [Theory]
    [InlineData("W100006", true, 0.0, OutcomeCode.Ok)]                    // pending_payment
    [InlineData("W100007", true, 0.0, OutcomeCode.Ok)]                    // paid
    [InlineData("W100002", true, 5.0, OutcomeCode.Ok)]                    // processing: handling fee
    [InlineData("W100001", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // shipped
    [InlineData("W100008", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // out_for_delivery
    [InlineData("W100003", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // delivered
    [InlineData("W100005", false, 0.0, OutcomeCode.AlreadyDone)]          // cancelled
    [InlineData("W100009", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // return_requested
    [InlineData("W100010", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // returned
    [InlineData("W100011", false, 0.0, OutcomeCode.NotAllowedInStatus)]   // refunded
    [InlineData("W999999", false, 0.0, OutcomeCode.NotFound)]
    public async Task Cancellation_eligibility_and_fee_follow_the_status(string number, bool allowed, double fee, OutcomeCode code)
    {
        var quote = await _shop.QuoteCancellationAsync(number);
        Assert.Equal(allowed, quote.Succeeded);
        Assert.Equal(code, quote.Code);
        Assert.Equal((decimal)fee, quote.Fee);
        Assert.False(string.IsNullOrWhiteSpace(quote.Reason));

        var before = await _shop.GetOrderAsync(number);
        var cancel = await _shop.CancelOrderAsync(number, "test");
        Assert.Equal(allowed, cancel.Succeeded);
        var after = await _shop.GetOrderAsync(number);
        if (allowed)
        {
            Assert.Equal(OrderStatus.Cancelled, after!.Status);
            Assert.Equal((decimal)fee, after.Cancellation!.Fee);
        }
        else
        {
            Assert.Same(before, after);
        }
    }

    [Fact]
    public async Task Cancelling_a_paid_order_refunds_it_minus_the_fee_and_an_unpaid_one_needs_no_refund()
    {
        var processing = (await _shop.GetOrderAsync("W100002"))!;
        var cancelled = await _shop.CancelOrderAsync("W100002", null);
        Assert.Equal(RefundStatus.Processing, cancelled.Order!.Refund!.Status);
        Assert.Equal(processing.Totals.Total - 5m, cancelled.Order.Refund.Amount);
        Assert.Equal(SampleData.Today.AddDays(5), cancelled.Order.Refund.ExpectedBy);
        Assert.Null(cancelled.Order.EstimatedDelivery);

        var unpaid = await _shop.CancelOrderAsync("W100006", null);
        Assert.Null(unpaid.Order!.Refund);

        var again = await _shop.CancelOrderAsync("W100002", null);
        Assert.Equal(OutcomeCode.AlreadyDone, again.Code);
    }

    [Fact]
    public async Task Concurrent_cancellations_of_one_order_succeed_exactly_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => _shop.CancelOrderAsync("W100007", null))));
        Assert.Single(results, r => r.Succeeded);
    }

    private static Address Berlin(string country = "DE") => new("Anna Schmidt", "Gartenweg 5", null, "Berlin", "10115", country);

    [Theory]
    [InlineData("W100006", true)]
    [InlineData("W100007", true)]
    [InlineData("W100002", true)]
    [InlineData("W100001", false)]
    [InlineData("W100008", false)]
    [InlineData("W100003", false)]
    [InlineData("W100005", false)]
    public async Task Address_can_change_only_before_shipping(string number, bool allowed)
    {
        var original = (await _shop.GetOrderAsync(number))!;
        var country = original.ShippingAddress.Country;
        var outcome = await _shop.ChangeShippingAddressAsync(number, Berlin(country) with { Country = country.ToLowerInvariant() });

        Assert.Equal(allowed, outcome.Succeeded);
        var after = (await _shop.GetOrderAsync(number))!;
        if (allowed)
        {
            Assert.Equal("Gartenweg 5", after.ShippingAddress.Line1);
            Assert.Equal(country, after.ShippingAddress.Country);
        }
        else
        {
            Assert.Equal(OutcomeCode.NotAllowedInStatus, outcome.Code);
            Assert.Equal(original.ShippingAddress, after.ShippingAddress);
        }
    }

    [Fact]
    public async Task Incomplete_address_or_another_shipping_region_is_refused()
    {
        var noCity = await _shop.ChangeShippingAddressAsync("W100002", Berlin() with { City = " " });
        Assert.Equal(OutcomeCode.InvalidInput, noCity.Code);
        Assert.Contains("city", noCity.Reason);

        var badCountry = await _shop.ChangeShippingAddressAsync("W100002", Berlin() with { Country = "Germany" });
        Assert.Equal(OutcomeCode.InvalidInput, badCountry.Code);

        var abroad = await _shop.ChangeShippingAddressAsync("W100002", Berlin("US"));
        Assert.Equal(OutcomeCode.NotAllowedInStatus, abroad.Code);
        Assert.Contains("Rest of the world", abroad.Reason);
        Assert.Equal("DE", (await _shop.GetOrderAsync("W100002"))!.ShippingAddress.Country);
    }

    [Fact]
    public async Task Return_window_is_30_days_from_delivery_inclusive()
    {
        var inside = await _shop.CheckReturnEligibilityAsync("W100003");
        Assert.True(inside.Succeeded);
        Assert.Equal(SampleData.Today.AddDays(20), inside.WindowEndsOn);

        var outside = await _shop.CheckReturnEligibilityAsync("W100004");
        Assert.Equal(OutcomeCode.OutsideWindow, outside.Code);
        Assert.Equal(SampleData.Today.AddDays(-30), outside.WindowEndsOn);

        var lastDay = await _shop.CheckReturnEligibilityAsync("W100012");
        Assert.True(lastDay.Succeeded);
        Assert.Equal(SampleData.Today, lastDay.WindowEndsOn);

        _clock.Now = SampleData.Now.AddDays(1);
        Assert.Equal(OutcomeCode.OutsideWindow, (await _shop.CheckReturnEligibilityAsync("W100012")).Code);
        Assert.Equal(OutcomeCode.OutsideWindow, (await _shop.StartReturnAsync("W100012", "late")).Code);
        Assert.Equal(OrderStatus.Delivered, (await _shop.GetOrderAsync("W100012"))!.Status);
    }

    [Theory]
    [InlineData("W100001", OutcomeCode.NotAllowedInStatus)] // shipped: not yet delivered
    [InlineData("W100002", OutcomeCode.NotAllowedInStatus)] // processing: cancel instead
    [InlineData("W100005", OutcomeCode.NotAllowedInStatus)] // cancelled
    [InlineData("W100009", OutcomeCode.AlreadyDone)]
    [InlineData("W100011", OutcomeCode.AlreadyDone)]
    [InlineData("W999999", OutcomeCode.NotFound)]
    public async Task Returns_need_a_delivered_order(string number, OutcomeCode code)
    {
        var outcome = await _shop.StartReturnAsync(number, "test");
        Assert.False(outcome.Succeeded);
        Assert.Equal(code, outcome.Code);
    }

    [Fact]
    public async Task Starting_a_return_registers_it_with_a_pending_refund_once()
    {
        var started = await _shop.StartReturnAsync("W100003", "Wrong size");
        Assert.True(started.Succeeded);
        var order = started.Order!;
        Assert.Equal(OrderStatus.ReturnRequested, order.Status);
        Assert.Equal(ReturnStatus.Requested, order.Return!.Status);
        Assert.Equal("Wrong size", order.Return.Reason);
        Assert.EndsWith("R-W100003.pdf", order.Return.LabelUrl, StringComparison.Ordinal);
        Assert.Equal(RefundStatus.Pending, order.Refund!.Status);
        Assert.Equal(order.Totals.Subtotal, order.Refund.Amount);

        var status = await _shop.GetRefundStatusAsync("W100003");
        Assert.True(status.Found);
        Assert.Contains("once the returned items arrive", status.Reason);

        Assert.Equal(OutcomeCode.AlreadyDone, (await _shop.StartReturnAsync("W100003", "again")).Code);
    }

    [Fact]
    public async Task Invoices_and_refund_status_depend_on_the_order()
    {
        Assert.Equal(OutcomeCode.NotAvailable, (await _shop.GetInvoiceAsync("W100006")).Code);
        var invoice = await _shop.GetInvoiceAsync("W100001");
        Assert.True(invoice.Succeeded);
        Assert.Equal((await _shop.GetOrderAsync("W100001"))!.Totals.Total, invoice.Invoice!.Total);

        Assert.Equal(OutcomeCode.NotAvailable, (await _shop.GetRefundStatusAsync("W100001")).Code);
        Assert.Equal(RefundStatus.Completed, (await _shop.GetRefundStatusAsync("W100011")).Refund!.Status);
        Assert.Equal(RefundStatus.Completed, (await _shop.GetRefundStatusAsync("W100005")).Refund!.Status);
        Assert.Equal(OutcomeCode.NotFound, (await _shop.GetRefundStatusAsync("W999999")).Code);
    }

    [Fact]
    public async Task Order_numbers_are_matched_loosely_and_customers_by_id_or_email()
    {
        Assert.Equal("W100001", (await _shop.GetOrderAsync(" w100001 "))!.Number);
        Assert.Null(await _shop.GetOrderAsync(""));
        Assert.Equal("Anna Schmidt", (await _shop.GetByEmailAsync("ANNA.SCHMIDT@example.com"))!.Name);
        Assert.Equal("lukas.weber@example.com", (await _shop.GetByIdAsync("c1002"))!.Email);
        Assert.Null(await _shop.GetByEmailAsync("nobody@example.com"));
    }
}
