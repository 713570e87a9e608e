using System.Globalization;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Dialogs;

namespace IntentBot.Agent.Engine;

/// <summary>The variables a dialog's templates, conditions and action arguments read (<see cref="BuiltInVariables"/>
/// and the dialog's slots); plugin results add theirs as the dialog runs (<see cref="PluginResults"/>).</summary>
internal static class TemplateVariables
{
    public static Dictionary<string, string> For(Turn t, DialogDefinition dialog, AgentOptions options)
    {
        var interests = t.Signals.RecentSearches.Concat(t.Signals.RecentlyViewed).Concat(t.Searched)
            .Distinct(StringComparer.OrdinalIgnoreCase).TakeLast(6);
        var estimate = ChatPurchaseIntent.Estimate(t.Signals.PurchaseIntent, t.RecentIntents);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BuiltInVariables.Text] = t.Text,
            [BuiltInVariables.Intent] = t.Nlu.Intent.Label,
            [BuiltInVariables.UserId] = t.UserId,
            [BuiltInVariables.ConversationId] = t.ConversationId,
            [BuiltInVariables.CustomerName] = t.Profile.Name ?? "",
            [BuiltInVariables.Interests] = string.Join(" ", interests),
            [BuiltInVariables.Negative] = t.Negative ? "true" : "false",
            [BuiltInVariables.PurchaseIntentHigh] = estimate >= options.PromotionAbove && !t.PromotionOffered
                && ChatPurchaseIntent.Hesitation.Contains(dialog.Intent) ? "true" : "false",
        };
        var memory = t.Memory;
        variables[BuiltInVariables.CustomerId] = GuestVerification.CustomerId(t, dialog);
        variables[BuiltInVariables.Country] = memory.Country ?? "";
        variables[BuiltInVariables.CountryZh] = memory.Country is { } country ? ChineseNames.Country(country) : "";
        variables[BuiltInVariables.BudgetMin] = memory.BudgetMin?.ToString(CultureInfo.InvariantCulture) ?? "";
        variables[BuiltInVariables.BudgetMax] = memory.BudgetMax?.ToString(CultureInfo.InvariantCulture) ?? "";
        variables[BuiltInVariables.Size] = memory.Size ?? "";
        variables[BuiltInVariables.Colour] = memory.Colour ?? "";
        variables[BuiltInVariables.SubjectProduct] = memory.Product ?? "";
        variables[BuiltInVariables.Language] = memory.Language ?? Language.English;
        variables[BuiltInVariables.SaidCode] = t.Said.Code ?? "";
        variables[BuiltInVariables.Concern] = t.ProgressOf(dialog.Intent).Concern ?? "";
        foreach (var slot in dialog.Slots)
            variables[slot.Name] = t.Get(dialog.Intent, slot.Name) ?? "";
        // A budget alone ("something cheaper, under 100") refines the kind of product already being browsed.
        var refines = t.Said.BudgetMax is not null || t.Said.BudgetMin is not null;
        variables[BuiltInVariables.InterestCategory] = Interests.CategoryIn(t.Text)
            ?? (t.Get(dialog.Intent, "product") is { } named ? Interests.CategoryIn(named) : null)
            ?? (refines && dialog.Intent == DialogRunner.Recommendation ? t.Memory.Interest : null) ?? "";
        variables[BuiltInVariables.InterestCategoryZh] = ChineseNames.Category(variables[BuiltInVariables.InterestCategory]);
        return variables;
    }
}
