using IntentBot.Agent.Slots;
using IntentBot.Agent.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Dialogs;

/// <summary>
/// Checks the dialogs against the model's intents and the Kernel's registered functions before the bot
/// answers anyone: an unknown intent, slot type, variable or function stops start-up with a message that
/// names the file and the path inside it (e.g. <c>track_order.yaml: responses[1].text: unknown variable 'oder_status'</c>).
/// </summary>
public static class DialogValidator
{
    /// <param name="logger">Told, one line per dialog, which upcoming-intent dialogs wait for a model that has their label.</param>
    /// <param name="overridden">Built-in intents a custom intent replaces: their dialogs are left out (with a warning).</param>
    public static DialogCatalog Validate(IReadOnlyList<DialogDefinition> dialogs, IEnumerable<string> intents, TemplateRenderer renderer, ILogger? logger = null,
        IReadOnlyDictionary<string, string>? overridden = null)
    {
        foreach (var dialog in dialogs.Where(d => overridden?.ContainsKey(d.Intent) == true))
            logger?.LogWarning("Dialog {File} is not used: custom intent {Custom} overrides {Intent}", dialog.SourceFile, overridden![dialog.Intent], dialog.Intent);
        if (overridden is { Count: > 0 }) dialogs = dialogs.Where(d => !overridden.ContainsKey(d.Intent)).ToList();
        var modelIntents = intents.ToHashSet(StringComparer.Ordinal);
        // An upcoming intent's dialog is checked like any other, and may be named in suggestions.
        var known = modelIntents.Union(dialogs.Where(d => d.UpcomingIntent).Select(d => d.Intent)).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var byIntent = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        var inactive = new Dictionary<string, DialogDefinition>(StringComparer.Ordinal);
        foreach (var dialog in dialogs)
        {
            var file = dialog.SourceFile;
            if (!modelIntents.Contains(dialog.Intent) && dialog.UpcomingIntent)
            {
                if (!inactive.TryAdd(dialog.Intent, dialog))
                    errors.Add($"{file}: intent: '{dialog.Intent}' already has a dialog in {inactive[dialog.Intent].SourceFile}");
            }
            else if (!modelIntents.Contains(dialog.Intent))
                errors.Add($"{file}: intent: unknown intent '{dialog.Intent}' (the model knows: {string.Join(", ", modelIntents.Order())}; to add an intent, list at least 5 phrases under examples:)");
            else if (!byIntent.TryAdd(dialog.Intent, dialog))
                errors.Add($"{file}: intent: '{dialog.Intent}' already has a dialog in {byIntent[dialog.Intent].SourceFile}");
            if (string.IsNullOrWhiteSpace(dialog.Title)) errors.Add($"{file}: title: required");
            if (string.IsNullOrWhiteSpace(dialog.Example)) errors.Add($"{file}: example: required (the phrase a button sends)");
            if (dialog.Responses.Count == 0) errors.Add($"{file}: responses: at least one response is required");
            if (dialog.Escalation.MaxAttempts is < 1 or > 10) errors.Add($"{file}: escalation.max_attempts: must be 1-10");
            if (!Engine.GuestVerification.Proofs.Contains(dialog.GuestProof))
                errors.Add($"{file}: guest_proof: '{dialog.GuestProof}' must be one of {string.Join(", ", Engine.GuestVerification.Proofs.Order())}");

            var variables = new HashSet<string>(BuiltInVariables.All, StringComparer.Ordinal);
            var outputs = new List<string>();
            for (var i = 0; i < dialog.Slots.Count; i++)
            {
                var slot = dialog.Slots[i];
                var path = $"{file}: slots[{i}]";
                if (!IsIdentifier(slot.Name)) errors.Add($"{path}.name: '{slot.Name}' is not a valid name (letters, digits, _)");
                else if (!variables.Add(slot.Name)) errors.Add($"{path}.name: '{slot.Name}' is defined twice or shadows a built-in variable");
                if (!SlotValidators.Types.Contains(slot.Type))
                    errors.Add($"{path}.type: unknown slot type '{slot.Type}' (known: {string.Join(", ", SlotValidators.Types.Order())})");
                if (string.IsNullOrWhiteSpace(slot.Prompt)) errors.Add($"{path}.prompt: required");
                CheckTemplate(slot.Prompt, $"{path}.prompt");
                if (slot.Retry is not null) CheckTemplate(slot.Retry, $"{path}.retry");
                CheckTranslations(slot.Translations, slot.Prompt, $"{path}.translations");
                CheckTranslations(slot.RetryTranslations, slot.Retry ?? slot.Prompt, $"{path}.retry_translations");
            }
            CheckActions(dialog.Checks, "checks");
            if (dialog.Confirm is { } confirm)
            {
                if (confirm.When is not null) CheckCondition(confirm.When, $"{file}: confirm.when");
                if (string.IsNullOrWhiteSpace(confirm.Prompt)) errors.Add($"{file}: confirm.prompt: required");
                CheckTemplate(confirm.Prompt, $"{file}: confirm.prompt");
                CheckTemplate(confirm.Declined, $"{file}: confirm.declined");
                CheckTranslations(confirm.Translations, confirm.Prompt, $"{file}: confirm.translations");
                CheckTranslations(confirm.DeclinedTranslations, confirm.Declined, $"{file}: confirm.declined_translations");
            }
            CheckActions(dialog.Actions, "actions");

            void CheckActions(List<ActionDefinition> actions, string section)
            {
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                var path = $"{file}: {section}[{i}]";
                if (action.When is not null) CheckCondition(action.When, $"{path}.when");
                var function = FindFunction(renderer.Kernel, action.Function);
                if (function is null)
                    errors.Add($"{path}.function: unknown plugin function '{action.Function}' ({KnownFunctions(renderer.Kernel)})");
                else
                {
                    var parameters = function.Metadata.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                    foreach (var name in action.Arguments.Keys.Where(n => !parameters.Contains(n)))
                        errors.Add($"{path}.arguments.{name}: '{action.Function}' has no parameter '{name}' (it has: {string.Join(", ", parameters)})");
                    foreach (var required in function.Metadata.Parameters.Where(p => p.IsRequired && !action.Arguments.ContainsKey(p.Name)))
                        errors.Add($"{path}.arguments: required parameter '{required.Name}' of '{action.Function}' is missing");
                }
                foreach (var (name, value) in action.Arguments) CheckTemplate(value, $"{path}.arguments.{name}");
                if (action.Output is not null)
                {
                    if (!IsIdentifier(action.Output)) errors.Add($"{path}.output: '{action.Output}' is not a valid name");
                    else { variables.Add(action.Output); outputs.Add(action.Output); }
                }
            }
            }
            for (var i = 0; i < dialog.Responses.Count; i++)
            {
                var response = dialog.Responses[i];
                var path = $"{file}: responses[{i}]";
                if (response.When is not null) CheckCondition(response.When, $"{path}.when");
                if (string.IsNullOrWhiteSpace(response.Text)) errors.Add($"{path}.text: required");
                CheckTemplate(response.Text, $"{path}.text");
                CheckTranslations(response.Translations, response.Text, $"{path}.translations");
                if (response.Card is not null)
                {
                    var parts = response.Card.Split(':', 2);
                    if (parts.Length != 2 || parts[0] is not ("order" or "products" or "product"))
                        errors.Add($"{path}.card: '{response.Card}' must be order:VAR, product:VAR or products:VAR");
                    else if (!IsKnownVariable(parts[1])) errors.Add($"{path}.card: unknown variable '{parts[1]}'");
                }
            }

            for (var i = 0; i < dialog.Followups.Count; i++)
            {
                var followup = dialog.Followups[i];
                if (followup.When is not null) CheckCondition(followup.When, $"{file}: followups[{i}].when");
                if (string.IsNullOrWhiteSpace(followup.Text)) errors.Add($"{file}: followups[{i}].text: required");
                CheckTemplate(followup.Text, $"{file}: followups[{i}].text");
                CheckTranslations(followup.Translations, followup.Text, $"{file}: followups[{i}].translations");
            }
            CheckSuggestions(dialog.Suggestions, $"{file}: suggestions");
            for (var i = 0; i < dialog.Slots.Count; i++) CheckSuggestions(dialog.Slots[i].Suggestions, $"{file}: slots[{i}].suggestions");
            for (var i = 0; i < dialog.Responses.Count; i++) CheckSuggestions(dialog.Responses[i].Suggestions, $"{file}: responses[{i}].suggestions");

            void CheckSuggestions(List<string>? suggestions, string path)
            {
                foreach (var s in suggestions ?? [])
                    if (s.StartsWith('@') && !known.Contains(s[1..]))
                        errors.Add($"{path}: '{s}' names no known intent");
            }

            // Slot conditions may read the checks' outputs (the checks run before such a slot is asked).
            for (var i = 0; i < dialog.Slots.Count; i++)
                if (dialog.Slots[i].AskWhen is { } askWhen) CheckCondition(askWhen, $"{file}: slots[{i}].ask_when");

            CheckTranslations(dialog.TitleTranslations, null, $"{file}: title_translations");
            CheckTranslations(dialog.ExampleTranslations, null, $"{file}: example_translations");

            // A translation says what its English text says: every slot and built-in variable of the English text is in
            // it too (the order number, the product, the budget), or its Chinese form (interest_category_zh). A shop reply ({{$order}}, {{$order_data_status_text}}) is
            // English, so a translation says it in its own words, from that reply's fields where it needs them.
            void CheckTranslations(Dictionary<string, string>? translations, string? english, string path)
            {
                IReadOnlyList<string> said = english is null ? [] : TemplateReferences.Parse(english).Variables;
                foreach (var (language, text) in translations ?? [])
                {
                    if (language is not ("zh")) errors.Add($"{path}.{language}: no answers are given in '{language}' (languages: zh)");
                    if (string.IsNullOrWhiteSpace(text)) errors.Add($"{path}.{language}: empty");
                    CheckTemplate(text, $"{path}.{language}");
                    var translated = TemplateReferences.Parse(text).Variables;
                    foreach (var variable in said.Where(v => !translated.Contains(v) && !translated.Contains(v + "_zh")
                        && !outputs.Any(o => v == o || v.StartsWith(o + "_", StringComparison.Ordinal))))
                        errors.Add($"{path}.{language}: leaves out {{{{${variable}}}}} of the English text");
                }
            }

            void CheckTemplate(string source, string path)
            {
                if (string.IsNullOrEmpty(source)) return;
                try { renderer.Compile(source); }
                catch (Exception e) when (e is KernelException or ArgumentException)
                {
                    errors.Add($"{path}: template syntax: {e.Message}");
                    return;
                }
                var references = TemplateReferences.Parse(source);
                foreach (var variable in references.Variables.Where(v => !IsKnownVariable(v)))
                    errors.Add($"{path}: unknown variable '{variable}' (slots, action outputs and built-ins: {string.Join(", ", variables.Order())})");
                foreach (var function in references.Functions.Where(f => FindFunction(renderer.Kernel, f) is null))
                    errors.Add($"{path}: unknown plugin function '{function}' ({KnownFunctions(renderer.Kernel)})");
            }

            void CheckCondition(string text, string path)
            {
                foreach (var variable in Condition.Parse(text).Variables.Where(v => !IsKnownVariable(v)))
                    errors.Add($"{path}: unknown variable '{variable}'");
            }

            // An action output "order" also provides its JSON fields as order_status, order_total, ...
            bool IsKnownVariable(string name) =>
                variables.Contains(name) || outputs.Any(o => name.StartsWith(o + "_", StringComparison.Ordinal));
        }
        if (!modelIntents.All(byIntent.ContainsKey))
            errors.Add($"dialogs: no dialog for intent(s) {string.Join(", ", modelIntents.Where(i => !byIntent.ContainsKey(i)).Order())}");
        if (errors.Count > 0)
            throw new DialogValidationException("Invalid dialogs:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        foreach (var dialog in inactive.Values.OrderBy(d => d.Intent, StringComparer.Ordinal))
            logger?.LogWarning("Dialog {File} is inactive: the model has no intent '{Intent}' yet (it is reached only through the engine's cues until a model with that label is loaded)",
                dialog.SourceFile, dialog.Intent);
        return new DialogCatalog(byIntent, inactive);
    }

    public static KernelFunction? FindFunction(Kernel kernel, string qualifiedName)
    {
        var parts = qualifiedName.Split('.', 2);
        if (parts.Length != 2) return null;
        return kernel.Plugins.TryGetFunction(parts[0], parts[1], out var function) ? function : null;
    }

    private static string KnownFunctions(Kernel kernel)
    {
        var names = kernel.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).Order().ToList();
        return names.Count == 0 ? "no plugin functions are registered" : "registered: " + string.Join(", ", names);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
