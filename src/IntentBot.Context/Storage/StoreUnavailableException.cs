namespace IntentBot.Context.Storage;

/// <summary>The store cannot be reached right now (HTTP 503); nothing was half-written.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, Exception inner) : base(message, inner) { }
    public StoreUnavailableException(string message) : base(message) { }
    public StoreUnavailableException() { }
}
