using System.Globalization;

namespace IntentBot.Shop.Rules;

public static class Money
{
    /// <summary>"€249.99" for EUR, "249.99 USD" otherwise; invariant digits (the app runs with InvariantGlobalization).</summary>
    public static string Format(decimal amount, string currency) => currency.ToUpperInvariant() switch
    {
        "EUR" => "€" + amount.ToString("0.00", CultureInfo.InvariantCulture),
        "USD" => "$" + amount.ToString("0.00", CultureInfo.InvariantCulture),
        "GBP" => "£" + amount.ToString("0.00", CultureInfo.InvariantCulture),
        _ => amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + currency,
    };
}
