using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntentBot.Server.Logging;

public static class RedactingLogging
{
    /// <summary>
    /// Masks personal data in every log entry, whatever the provider (console, JSON, OpenTelemetry, or
    /// one a test adds): the logger factory is wrapped, and every ILogger the app creates comes from it.
    /// The message, each structured value, scopes and exception text are masked before any provider
    /// sees them.
    /// </summary>
    public static WebApplicationBuilder AddPiiMaskedLogging(this WebApplicationBuilder builder)
    {
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp))));
        return builder;
    }
}

/// <summary>Hands out masking loggers over the real factory; disposing it disposes the real one.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(MaskedState.From(state));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var message = PiiMasker.Mask(formatter(state, exception));
        var masked = new MaskedState(message, state as IEnumerable<KeyValuePair<string, object?>>);
        inner.Log(logLevel, eventId, masked, exception is null ? null : new MaskedException(exception), static (s, _) => s.Message);
    }
}

/// <summary>
/// A log entry's state with its values masked: structured providers (JSON console, OpenTelemetry)
/// read the key-value pairs, text providers the message. The message template itself is kept.
/// </summary>
internal sealed class MaskedState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _values;

    public MaskedState(string message, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        Message = message;
        _values = values?.Select(v => new KeyValuePair<string, object?>(v.Key, v.Key == "{OriginalFormat}" ? v.Value : MaskValue(v.Value))).ToList() ?? [];
    }

    public string Message { get; }

    public static object From<TState>(TState state) where TState : notnull => state switch
    {
        IEnumerable<KeyValuePair<string, object?>> values => new MaskedState(PiiMasker.Mask(state.ToString() ?? ""), values),
        string text => PiiMasker.Mask(text),
        _ => PiiMasker.Mask(state.ToString() ?? ""),
    };

    /// <summary>Numbers, booleans and the like cannot carry an address or a formatted card; text can.</summary>
    private static object? MaskValue(object? value) => value switch
    {
        null => null,
        string s => PiiMasker.Mask(s),
        long or int or short or byte or ulong or uint or ushort or sbyte => value.ToString() is { Length: >= 13 } digits && PiiMasker.IsCardNumber(digits) ? PiiMasker.Card : value,
        bool or double or float or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
        _ => PiiMasker.Mask(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public int Count => _values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}

/// <summary>Stands in for a logged exception so its message and text (which may quote input) are masked too.</summary>
internal sealed class MaskedException(Exception original) : Exception(PiiMasker.Mask(original.Message))
{
    public Type OriginalType { get; } = original.GetType();

    public override string? StackTrace => original.StackTrace;

    public override string ToString() => PiiMasker.Mask(original.ToString());
}
