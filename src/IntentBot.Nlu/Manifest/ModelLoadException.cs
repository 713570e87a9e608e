namespace IntentBot.Nlu.Manifest;

/// <summary>
/// A model folder that cannot be used. The message always names the file and the field at fault,
/// because it is what an operator reads when start-up stops.
/// </summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }
    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
    public ModelLoadException() { }
}
