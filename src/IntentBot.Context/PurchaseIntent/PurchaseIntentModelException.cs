namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// A purchase-intent model folder that cannot be used. The message names the file and the field at fault,
/// because it is what an operator reads when start-up stops.
/// </summary>
public sealed class PurchaseIntentModelException : Exception
{
    public PurchaseIntentModelException(string message) : base(message) { }
    public PurchaseIntentModelException(string message, Exception inner) : base(message, inner) { }
    public PurchaseIntentModelException() { }
}
