namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// Maps a <see cref="LiveSessionSnapshot"/> onto the UCI session features the model was trained on. Pure
/// and thread-safe. Every rule, and what it only approximates, is in docs/purchase-intent.md.
/// </summary>
public sealed class LiveSessionFeatureMapper
{
    /// <summary>
    /// In the data set every single-page session has BounceRates = ExitRates = 0.2 (Google Analytics'
    /// value for a page that was both entry and exit), so a one-page live session gets the same.
    /// </summary>
    public const double SinglePageRate = 0.2;

    /// <summary>Days before a special day at which the data set's SpecialDay peaks at 1 (the paper's Valentine example: Feb 8 for Feb 14).</summary>
    public const int SpecialDayPeakDaysBefore = 6;

    // Chat questions that stand in for a page visit: asking the bot about delivery is what reading the delivery page was.
    private static readonly HashSet<string> AccountIntents = new(StringComparer.Ordinal)
    {
        "create_account", "delete_account", "edit_account", "recover_password", "registration_problems",
        "switch_account", "check_invoice", "get_invoice", "track_order", "track_refund", "change_order",
        "cancel_order", "change_shipping_address", "set_up_shipping_address", "newsletter_subscription",
    };

    private static readonly HashSet<string> InformationalIntents = new(StringComparer.Ordinal)
    {
        "delivery_options", "delivery_period", "check_payment_methods", "check_refund_policy",
        "check_cancellation_fee", "contact_customer_service",
    };

    private static readonly HashSet<string> ProductIntents = new(StringComparer.Ordinal)
    {
        "product_inquiry", "price_inquiry", "recommendation",
    };

    private readonly LiveSessionMappingOptions _options;
    private readonly TimeZoneInfo _timeZone;

    public LiveSessionFeatureMapper(LiveSessionMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        try
        {
            _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"Unknown time zone '{options.TimeZoneId}' in {nameof(LiveSessionMappingOptions.TimeZoneId)}.", nameof(options), e);
        }
    }

    public LiveSessionFeatureMapper() : this(new LiveSessionMappingOptions()) { }

    public PurchaseIntentFeatures Map(LiveSessionSnapshot session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Validate(session);

        var chat = _options.CountChatIntentsAsPages ? session.ChatIntents : [];
        var administrative = session.AccountPageViews + chat.Count(AccountIntents.Contains);
        var informational = session.InfoPageViews + chat.Count(InformationalIntents.Contains);
        var productRelated = session.ProductPageViews + session.SearchPageViews + session.CategoryPageViews
                             + chat.Count(ProductIntents.Contains);

        // Rates and page values are statistics over real page views, so chat does not count towards them.
        var pageViews = session.AccountPageViews + session.InfoPageViews + session.ProductPageViews
                        + session.SearchPageViews + session.CategoryPageViews;
        var local = TimeZoneInfo.ConvertTime(session.SessionStartUtc, _timeZone);

        return new PurchaseIntentFeatures
        {
            Administrative = administrative,
            Administrative_Duration = session.AccountSeconds,
            Informational = informational,
            Informational_Duration = session.InfoSeconds,
            ProductRelated = productRelated,
            ProductRelated_Duration = session.ProductRelatedSeconds,
            BounceRates = session.AverageBounceRate ?? (pageViews == 1 ? SinglePageRate : double.NaN),
            ExitRates = session.AverageExitRate ?? (pageViews == 1 ? SinglePageRate : double.NaN),
            PageValues = session.AveragePageValue ?? EstimatePageValue(session, pageViews),
            SpecialDay = SpecialDayCloseness(DateOnly.FromDateTime(local.DateTime)),
            Month = PurchaseIntentFeatures.MonthName(local.Month),
            OperatingSystems = _options.OperatingSystems,
            Browser = _options.Browser,
            Region = _options.Region,
            TrafficType = _options.TrafficType,
            VisitorType = session.ReturningVisitor switch
            {
                true => PurchaseIntentFeatures.VisitorTypes.Returning,
                false => PurchaseIntentFeatures.VisitorTypes.New,
                null => _options.UnknownVisitorType,
            },
            Weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday,
        };
    }

    /// <summary>
    /// Google Analytics spreads a transaction's revenue over the pages viewed before it; a live session has
    /// no transaction yet, so the cart (and a small share of what was viewed) stands in for it.
    /// </summary>
    public double EstimatePageValue(LiveSessionSnapshot session, int pageViews)
    {
        var viewed = session.ProductsViewed.Sum(p => (double)p.Price);
        var value = _options.CartValueWeight * (double)session.CartValue + _options.ViewedValueWeight * viewed;
        var perPage = value / Math.Max(1, pageViews) * _options.CurrencyScale;
        return Math.Min(perPage, _options.PageValueCap);
    }

    /// <summary>
    /// 1 six days before a special day, falling by 0.2 per day either side (0 outside 2..10 days before),
    /// the shape the data set's authors describe; the largest over the configured days.
    /// </summary>
    public double SpecialDayCloseness(DateOnly date)
    {
        var best = 0.0;
        foreach (var day in _options.SpecialDays)
        {
            var daysBefore = day.DayNumber - date.DayNumber;
            var closeness = 1.0 - 0.2 * Math.Abs(daysBefore - SpecialDayPeakDaysBefore);
            if (daysBefore > 0 && closeness > best) best = Math.Round(closeness, 1);
        }
        return best;
    }

    private static void Validate(LiveSessionSnapshot s)
    {
        if (s.NowUtc < s.SessionStartUtc)
            throw new ArgumentException($"{nameof(s.NowUtc)} ({s.NowUtc:O}) is before {nameof(s.SessionStartUtc)} ({s.SessionStartUtc:O}).", nameof(s));
        NonNegative(s.AccountPageViews, nameof(s.AccountPageViews));
        NonNegative(s.InfoPageViews, nameof(s.InfoPageViews));
        NonNegative(s.ProductPageViews, nameof(s.ProductPageViews));
        NonNegative(s.SearchPageViews, nameof(s.SearchPageViews));
        NonNegative(s.CategoryPageViews, nameof(s.CategoryPageViews));
        NonNegative(s.AccountSeconds, nameof(s.AccountSeconds));
        NonNegative(s.InfoSeconds, nameof(s.InfoSeconds));
        NonNegative(s.ProductRelatedSeconds, nameof(s.ProductRelatedSeconds));
        NonNegative((double)s.CartValue, nameof(s.CartValue));
        NonNegative(s.AddToCartCount, nameof(s.AddToCartCount));
        NonNegative(s.WishlistCount, nameof(s.WishlistCount));
        Fraction(s.AverageBounceRate, nameof(s.AverageBounceRate));
        Fraction(s.AverageExitRate, nameof(s.AverageExitRate));
        if (s.AveragePageValue is { } pv) NonNegative(pv, nameof(s.AveragePageValue));
        if (s.ProductsViewed.Any(p => p.Price < 0))
            throw new ArgumentException($"{nameof(s.ProductsViewed)} has a negative price.", nameof(s));
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} must be a finite number >= 0, was {value}.", name);
    }

    private static void Fraction(double? value, string name)
    {
        if (value is { } v && !(v is >= 0 and <= 1))
            throw new ArgumentException($"{name} must be between 0 and 1, was {v}.", name);
    }
}
