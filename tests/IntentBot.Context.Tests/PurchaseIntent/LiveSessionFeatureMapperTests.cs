using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Context.Tests.PurchaseIntent;

public sealed class LiveSessionFeatureMapperTests
{
    // Monday 23 November 2026, 10:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static LiveSessionSnapshot Session(Func<LiveSessionSnapshot, LiveSessionSnapshot>? change = null)
    {
        var s = new LiveSessionSnapshot { SessionStartUtc = Start, NowUtc = Start.AddMinutes(12) };
        return change is null ? s : change(s);
    }

    private readonly LiveSessionFeatureMapper _mapper = new();

    [Fact]
    public void Page_groups_map_onto_the_uci_page_counts_and_durations()
    {
        var f = _mapper.Map(Session(s => s with
        {
            AccountPageViews = 2, AccountSeconds = 45, InfoPageViews = 1, InfoSeconds = 30,
            ProductPageViews = 5, SearchPageViews = 2, CategoryPageViews = 3, ProductRelatedSeconds = 600,
        }));
        Assert.Equal((2.0, 45.0, 1.0, 30.0, 10.0, 600.0),
            (f.Administrative, f.Administrative_Duration, f.Informational, f.Informational_Duration, f.ProductRelated, f.ProductRelated_Duration));
    }

    [Fact]
    public void Chat_questions_count_as_a_visit_to_the_page_that_answers_them_unless_switched_off()
    {
        var session = Session(s => s with
        {
            ProductPageViews = 2,
            ChatIntents = ["price_inquiry", "delivery_period", "check_refund_policy", "recover_password", "greeting", "thanks"],
        });
        var f = _mapper.Map(session);
        Assert.Equal((1.0, 2.0, 3.0), (f.Administrative, f.Informational, f.ProductRelated));

        var off = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { CountChatIntentsAsPages = false }).Map(session);
        Assert.Equal((0.0, 0.0, 2.0), (off.Administrative, off.Informational, off.ProductRelated));
    }

    [Fact]
    public void A_single_page_session_gets_the_bounce_and_exit_rate_the_data_set_gives_one()
    {
        var f = _mapper.Map(Session(s => s with { ProductPageViews = 1, ChatIntents = ["price_inquiry"] }));
        Assert.Equal((0.2, 0.2), (f.BounceRates, f.ExitRates));
    }

    [Fact]
    public void Rates_are_unknown_without_analytics_and_passed_through_with_them()
    {
        var unknown = _mapper.Map(Session(s => s with { ProductPageViews = 4 }));
        Assert.True(double.IsNaN(unknown.BounceRates) && double.IsNaN(unknown.ExitRates));
        var known = _mapper.Map(Session(s => s with { ProductPageViews = 4, AverageBounceRate = 0.01, AverageExitRate = 0.03 }));
        Assert.Equal((0.01, 0.03), (known.BounceRates, known.ExitRates));
    }

    [Fact]
    public void Page_value_is_taken_from_analytics_when_given()
    {
        var f = _mapper.Map(Session(s => s with { ProductPageViews = 4, CartValue = 500, AveragePageValue = 12.5 }));
        Assert.Equal(12.5, f.PageValues);
    }

    [Fact]
    public void Page_value_is_estimated_from_the_cart_and_a_share_of_what_was_viewed_per_page_view()
    {
        var session = Session(s => s with
        {
            ProductPageViews = 3, SearchPageViews = 1, CartValue = 100m, AddToCartCount = 1,
            ProductsViewed = [new ViewedProduct("a", 50m), new ViewedProduct("b", 30m)],
        });
        Assert.Equal((100 + 0.05 * 80) / 4, _mapper.Map(session).PageValues, 9);
        Assert.Equal(0.05 * 80 / 4, _mapper.Map(session with { CartValue = 0 }).PageValues, 9);

        var capped = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { PageValueCap = 10 });
        Assert.Equal(10, capped.Map(session).PageValues);
        var scaled = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { CurrencyScale = 0.5 });
        Assert.Equal((100 + 0.05 * 80) / 4 * 0.5, scaled.Map(session).PageValues, 9);
    }

    [Fact]
    public void A_chat_only_session_divides_the_cart_by_one_page()
    {
        Assert.Equal(40, _mapper.Map(Session(s => s with { CartValue = 40m })).PageValues, 9);
    }

    [Fact]
    public void Month_and_weekend_come_from_the_session_start_in_the_shop_time_zone()
    {
        var saturday = _mapper.Map(Session(s => s with { SessionStartUtc = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), NowUtc = new(2026, 11, 28, 12, 5, 0, TimeSpan.Zero) }));
        Assert.Equal(("Nov", true), (saturday.Month, saturday.Weekend));

        // 23:30 UTC on Sunday 31 May is 02:30 on Monday 1 June in Istanbul (UTC+3).
        var late = Session(s => s with { SessionStartUtc = new(2026, 5, 31, 23, 30, 0, TimeSpan.Zero), NowUtc = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(("May", true), (_mapper.Map(late).Month, _mapper.Map(late).Weekend));
        var istanbul = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { TimeZoneId = "Europe/Istanbul" }).Map(late);
        Assert.Equal(("June", false), (istanbul.Month, istanbul.Weekend));
    }

    [Theory]
    [InlineData("2026-05-04", 1.0)]  // six days before: the peak
    [InlineData("2026-05-02", 0.6)]
    [InlineData("2026-04-30", 0.2)]  // ten days before
    [InlineData("2026-04-29", 0.0)]
    [InlineData("2026-05-08", 0.2)]  // two days before
    [InlineData("2026-05-09", 0.0)]  // the day before: too late to deliver
    [InlineData("2026-05-10", 0.0)]
    [InlineData("2026-05-11", 0.0)]
    public void Special_day_closeness_peaks_six_days_before_and_falls_by_a_fifth_a_day(string date, double expected)
    {
        var mapper = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { SpecialDays = [new DateOnly(2026, 5, 10)] });
        Assert.Equal(expected, mapper.SpecialDayCloseness(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), 9);
    }

    [Fact]
    public void Without_a_calendar_special_day_is_zero()
    {
        Assert.Equal(0, _mapper.Map(Session()).SpecialDay);
    }

    [Fact]
    public void Codes_unknown_live_take_the_training_modes_and_visitor_type_follows_the_shop()
    {
        var f = _mapper.Map(Session(s => s with { ReturningVisitor = false }));
        Assert.Equal((2, 2, 1, 2), (f.OperatingSystems, f.Browser, f.Region, f.TrafficType));
        Assert.Equal("New_Visitor", f.VisitorType);
        Assert.Equal("Returning_Visitor", _mapper.Map(Session(s => s with { ReturningVisitor = true })).VisitorType);
        Assert.Equal("Returning_Visitor", _mapper.Map(Session()).VisitorType);
        var other = new LiveSessionFeatureMapper(new LiveSessionMappingOptions { UnknownVisitorType = "Other" });
        Assert.Equal("Other", other.Map(Session()).VisitorType);
    }

    [Fact]
    public void Impossible_snapshots_are_rejected_with_the_field_named()
    {
        Assert.Contains("NowUtc", Assert.Throws<ArgumentException>(() => _mapper.Map(Session(s => s with { NowUtc = Start.AddSeconds(-1) }))).Message);
        Assert.Contains("ProductPageViews must be", Assert.Throws<ArgumentException>(() => _mapper.Map(Session(s => s with { ProductPageViews = -1 }))).Message);
        Assert.Contains("InfoSeconds must be", Assert.Throws<ArgumentException>(() => _mapper.Map(Session(s => s with { InfoSeconds = double.NaN }))).Message);
        Assert.Contains("AverageExitRate must be between 0 and 1", Assert.Throws<ArgumentException>(() => _mapper.Map(Session(s => s with { AverageExitRate = 1.5 }))).Message);
        Assert.Contains("negative price", Assert.Throws<ArgumentException>(() => _mapper.Map(Session(s => s with { ProductsViewed = [new ViewedProduct("x", -1m)] }))).Message);
        Assert.Throws<ArgumentException>(() => new LiveSessionFeatureMapper(new LiveSessionMappingOptions { TimeZoneId = "Mars/Olympus" }));
    }

    [Fact]
    public void A_mapped_shopper_with_a_cart_scores_above_a_mapped_one_page_visit()
    {
        using var model = PurchaseIntentModel.Load(PurchaseIntentPaths.ShippedModel);
        var bounce = _mapper.Map(Session(s => s with { ProductPageViews = 1, ProductRelatedSeconds = 8 }));
        var shopper = _mapper.Map(Session(s => s with
        {
            ProductPageViews = 14, SearchPageViews = 3, CategoryPageViews = 4, ProductRelatedSeconds = 900,
            AccountPageViews = 1, AccountSeconds = 40, CartValue = 180m, AddToCartCount = 2, ReturningVisitor = true,
            ProductsViewed = [new ViewedProduct("a", 90m), new ViewedProduct("b", 90m), new ViewedProduct("c", 45m)],
        }));
        var pBounce = model.Probability(bounce);
        var pShopper = model.Probability(shopper);
        Assert.True(pShopper > pBounce + 0.2, $"shopper {pShopper:F3} vs bounce {pBounce:F3}");
    }
}
