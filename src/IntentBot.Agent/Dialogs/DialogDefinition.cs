namespace IntentBot.Agent.Dialogs;

/// <summary>
/// One dialog as written in <c>dialogs/*.yaml</c>: the intent that starts it, the slots it needs, an optional
/// confirmation, the plugin functions it calls and the answers it gives. Every text is a Semantic Kernel
/// prompt template (<c>{{$slot}}</c>, <c>{{plugin.function $arg}}</c>) rendered without any LLM.
/// Property names map to YAML keys in snake_case (YamlDotNet's UnderscoredNamingConvention).
/// </summary>
public sealed class DialogDefinition
{
    /// <summary>The intent that starts this dialog (one of the model's labels, or out_of_scope).</summary>
    public string Intent { get; set; } = "";

    /// <summary>A short name for buttons, e.g. "Track an order".</summary>
    public string Title { get; set; } = "";

    /// <summary>What a button for this dialog sends: a phrase the classifier maps to <see cref="Intent"/>.</summary>
    public string Example { get; set; } = "";

    /// <summary>The button's title in other languages, by language code ("zh").</summary>
    public Dictionary<string, string>? TitleTranslations { get; set; }

    /// <summary>What the button sends in other languages: a phrase in that language the classifier maps to <see cref="Intent"/>.</summary>
    public Dictionary<string, string>? ExampleTranslations { get; set; }

    public List<SlotDefinition> Slots { get; set; } = [];

    /// <summary>Read-only plugin calls made once the slots are filled, before the confirmation (e.g. "may this
    /// order be cancelled, at what fee?"); their outputs are available to the confirmation and the answers.</summary>
    public List<ActionDefinition> Checks { get; set; } = [];

    public ConfirmDefinition? Confirm { get; set; }

    public List<ActionDefinition> Actions { get; set; } = [];

    /// <summary>Answers, first whose <c>when</c> holds wins; the last should have no condition.</summary>
    public List<ResponseDefinition> Responses { get; set; } = [];

    /// <summary>Extra messages after the answer, each sent when its condition holds (e.g. a promotion offer).</summary>
    public List<FollowupDefinition> Followups { get; set; } = [];

    /// <summary>Suggested actions added to every answer of this dialog that lists none of its own.</summary>
    public List<string> Suggestions { get; set; } = [];

    public EscalationDefinition Escalation { get; set; } = new();

    /// <summary>Whether a confident message for this intent, sent while another dialog waits for an answer,
    /// interrupts that dialog (answered, then the question is asked again). Off for a greeting: an answer the
    /// slot did not accept ("Narnia" for a country) is often read as one, and a greeting mid-form has nothing
    /// to answer that asking the question again does not.</summary>
    public bool Interrupts { get; set; } = true;

    /// <summary>What a guest (not signed in) must give to prove the dialog's order is theirs: "email" (the default:
    /// changes and personal data) or "email_or_postcode" (reading an order's status; a postcode is shared by many orders).</summary>
    public string GuestProof { get; set; } = "email";

    /// <summary>The intent is one of a newer model's labels: while the loaded model lacks it, the dialog loads inactive
    /// (one warning line, no start-up failure) and the classifier never starts it; the engine's cues still can.</summary>
    public bool UpcomingIntent { get; set; }

    /// <summary>Declares a custom intent: what customers say for it (at least 5 phrases, any language the model reads).
    /// A dialog whose intent the model does not know is learnt from these at load time (no retraining).</summary>
    public List<string>? Examples { get; set; }

    /// <summary>The custom intent's category in classification answers (default CUSTOM).</summary>
    public string? Category { get; set; }

    /// <summary>A built-in intent this custom intent replaces for this shop: that intent's messages read as this one.</summary>
    public string? Overrides { get; set; }

    /// <summary>Where this dialog was loaded from (set by the loader, for messages).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string SourceFile { get; set; } = "";
}

public sealed class SlotDefinition
{
    public string Name { get; set; } = "";

    /// <summary>The validator: order_number, email, yes_no, product, text, number, country.</summary>
    public string Type { get; set; } = "text";

    public string Prompt { get; set; } = "";

    /// <summary>Said when the answer does not validate (defaults to the prompt).</summary>
    public string? Retry { get; set; }

    /// <summary>An optional slot is asked for but a missing value never blocks the dialog.</summary>
    public bool Optional { get; set; }

    /// <summary>Try to fill the slot from the message that started the dialog (default: true except for text).</summary>
    public bool? Extract { get; set; }

    /// <summary>Suggested actions shown with the prompt (e.g. Yes / No).</summary>
    public List<string> Suggestions { get; set; } = [];

    /// <summary>Ask for this slot only when this condition holds; the dialog's checks run first, as soon as the
    /// slots before it are filled. E.g. the new street is asked only once the order is known to be changeable.</summary>
    public string? AskWhen { get; set; }

    /// <summary>The prompt in other languages, by language code ("zh").</summary>
    public Dictionary<string, string>? Translations { get; set; }

    /// <summary>The retry in other languages.</summary>
    public Dictionary<string, string>? RetryTranslations { get; set; }
}

public sealed class ConfirmDefinition
{
    /// <summary>The yes/no question asked once every slot is filled, before the actions run.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>Ask only when this holds (e.g. the check said the change is allowed); otherwise the answers follow directly
    /// and the actions guarded by the same condition do not run.</summary>
    public string? When { get; set; }

    /// <summary>Said when the customer answers no (nothing is done).</summary>
    public string Declined { get; set; } = "";

    /// <summary><see cref="Declined"/> in other languages.</summary>
    public Dictionary<string, string>? DeclinedTranslations { get; set; }

    /// <summary>The prompt in other languages, by language code ("zh").</summary>
    public Dictionary<string, string>? Translations { get; set; }
}

public sealed class ActionDefinition
{
    /// <summary>The kernel function, "plugin.function".</summary>
    public string Function { get; set; } = "";

    /// <summary>Function parameter → variable (a slot, a built-in, or an earlier action's output).</summary>
    public Dictionary<string, string> Arguments { get; set; } = [];

    /// <summary>The variable the result is stored in; JSON object fields become <c>{output}_{field}</c>.</summary>
    public string? Output { get; set; }

    /// <summary>Run only when this condition holds (same syntax as a response's <c>when</c>).</summary>
    public string? When { get; set; }
}

public sealed class ResponseDefinition
{
    /// <summary>"var", "!var", "var == value" or "var != value"; empty means always.</summary>
    public string? When { get; set; }

    public string Text { get; set; } = "";

    /// <summary>An Adaptive Card built from an action output: "order:VAR" or "products:VAR".</summary>
    public string? Card { get; set; }

    public List<string>? Suggestions { get; set; }

    /// <summary>Hand the conversation to a human after this answer (e.g. contact_human_agent).</summary>
    public bool Handoff { get; set; }

    /// <summary>The text in other languages, by language code ("zh").</summary>
    public Dictionary<string, string>? Translations { get; set; }
}

public sealed class EscalationDefinition
{
    /// <summary>Failed answers to one prompt before the bot stops asking and offers help or a human.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Offer a human straight away when the customer is negative in this dialog (e.g. complaints).</summary>
    public bool OfferHumanWhenNegative { get; set; } = true;
}

public sealed class FollowupDefinition
{
    public string? When { get; set; }

    public string Text { get; set; } = "";

    public List<string>? Suggestions { get; set; }

    /// <summary>The text in other languages, by language code ("zh").</summary>
    public Dictionary<string, string>? Translations { get; set; }
}
