namespace IntentBot.Shop;

/// <summary>
/// The shop backend could not answer (unreachable, timed out, answered an error). Business refusals never
/// throw: they come back as outcome records. The agent catches this to apologise instead of crashing a turn.
/// </summary>
public sealed class ShopUnavailableException : Exception
{
    public ShopUnavailableException() { }

    public ShopUnavailableException(string message) : base(message) { }

    public ShopUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
