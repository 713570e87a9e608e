using System.Text.Json.Serialization;

namespace IntentBot.Context.State;

/// <summary>What a dialog has asked and been told so far, beside its slot values: the engine's own bookkeeping.</summary>
public sealed record DialogProgress
{
    /// <summary>The question the dialog waits on an answer to.</summary>
    public DialogQuestion Asked { get; init; }

    /// <summary>The slot asked for, when <see cref="Asked"/> is <see cref="DialogQuestion.Slot"/>.</summary>
    public string? AskedSlot { get; init; }

    /// <summary>Answers in a row that did not answer the question; the dialog gives up at its limit.</summary>
    public int Tries { get; init; }

    /// <summary>The shopper said yes to the dialog's confirmation.</summary>
    public bool Confirmed { get; init; }

    /// <summary>Optional slots the shopper chose not to fill: they are not asked again.</summary>
    public IReadOnlyList<string> SkippedSlots { get; init; } = [];

    /// <summary>The worry the request came with ("not_received"): the answer speaks to it.</summary>
    public string? Concern { get; init; }
}

/// <summary>What a dialog is waiting for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialogQuestion>))]
public enum DialogQuestion
{
    None,
    Slot,
    Confirmation,
    /// <summary>A guest's proof that the order is theirs (its e-mail address or postcode).</summary>
    GuestProof,
}
