using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>Every text a shopper can reach has its Chinese: the dialogs' prompts, answers and buttons.</summary>
public sealed class ChineseTextsTests
{
    [Fact]
    public void Every_dialog_says_everything_in_Chinese_too()
    {
        var dialogs = AgentHarness.Create(classifier: Scripted.NewScript()).Dialogs;
        var missing = new List<string>();
        foreach (var d in dialogs.ByIntent.Values.Concat(dialogs.Inactive.Values))
        {
            void Need(Dictionary<string, string>? translations, string what)
            {
                if (translations?.GetValueOrDefault("zh") is not { Length: > 0 }) missing.Add($"{d.Intent}: {what}");
            }
            Need(d.TitleTranslations, "title");
            Need(d.ExampleTranslations, "example");
            for (var i = 0; i < d.Slots.Count; i++)
            {
                Need(d.Slots[i].Translations, $"slots[{i}].prompt");
                if (d.Slots[i].Retry is not null) Need(d.Slots[i].RetryTranslations, $"slots[{i}].retry");
            }
            if (d.Confirm is { } confirm)
            {
                Need(confirm.Translations, "confirm.prompt");
                if (confirm.Declined.Length > 0) Need(confirm.DeclinedTranslations, "confirm.declined");
            }
            for (var i = 0; i < d.Responses.Count; i++) Need(d.Responses[i].Translations, $"responses[{i}]");
            for (var i = 0; i < d.Followups.Count; i++) Need(d.Followups[i].Translations, $"followups[{i}]");
        }
        Assert.True(missing.Count == 0, "No Chinese for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_Chinese_button_phrase_is_its_own()
    {
        var dialogs = AgentHarness.Create(classifier: Scripted.NewScript()).Dialogs;
        var phrases = dialogs.ByIntent.Values.Concat(dialogs.Inactive.Values).Select(d => d.ExampleTranslations?["zh"]).ToList();
        Assert.Equal(phrases.Count, phrases.Distinct().Count());
    }
}
