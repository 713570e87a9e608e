using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using IntentBot.Agent.Tests.Infrastructure;
using IntentBot.Agent.Tests.Llm;
using Microsoft.Extensions.Logging;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>
/// Dialogs for the intents model 2.0.0 brings (promo_code, stock_availability, damaged_or_wrong_item, exchange_item,
/// opening_hours) load inactive with one warning each while the model lacks the label, and become ordinary dialogs
/// of the catalog once the model's labels include them.
/// </summary>
public sealed class UpcomingIntentDialogTests
{
    private static readonly string[] Upcoming = ["damaged_or_wrong_item", "exchange_item", "opening_hours", "promo_code", "stock_availability"];

    private static TemplateRenderer Renderer() => new(AgentHarness.Create().Kernel);

    [Fact]
    public void Without_the_label_they_load_inactive_with_one_warning_line_each()
    {
        var logs = new CapturingLoggerFactory();
        // A model without the five labels (as 1.2.0 was): the shipped model's labels less those.
        var modelIntents = AgentHarness.Classifier.Model.Intents.Select(i => i.Name).Except(Upcoming).ToList();

        var catalog = DialogValidator.Validate(DialogLoader.LoadFolder(AgentHarness.DialogsPath), modelIntents, Renderer(), logs.CreateLogger("dialogs"));

        Assert.Equal(Upcoming, catalog.Inactive.Keys.Order());
        Assert.All(Upcoming, intent => Assert.False(catalog.ByIntent.ContainsKey(intent)));
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Text).ToList();
        Assert.Equal(Upcoming.Length, warnings.Count);
        Assert.All(Upcoming, intent => Assert.Single(warnings, w => w.Contains($"'{intent}'", StringComparison.Ordinal) && w.Contains(intent + ".yaml", StringComparison.Ordinal)));
        // A cue (or a button) still finds them.
        Assert.NotNull(catalog.Find("promo_code"));
    }

    [Fact]
    public void With_the_label_in_the_model_they_are_active_and_nothing_is_logged()
    {
        var logs = new CapturingLoggerFactory();
        var modelIntents = AgentHarness.Classifier.Model.Intents.Select(i => i.Name).Concat(Upcoming).Distinct().ToList();

        var catalog = DialogValidator.Validate(DialogLoader.LoadFolder(AgentHarness.DialogsPath), modelIntents, Renderer(), logs.CreateLogger("dialogs"));

        Assert.Empty(catalog.Inactive);
        Assert.All(Upcoming, intent => Assert.Equal(intent + ".yaml", catalog.ByIntent[intent].SourceFile));
        Assert.Equal(modelIntents.Order(), catalog.ByIntent.Keys.Order());
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void An_unknown_intent_without_the_upcoming_mark_still_stops_start_up()
    {
        var dialogs = DialogLoader.LoadFolder(AgentHarness.DialogsPath);
        var promo = dialogs.Single(d => d.Intent == "promo_code");
        promo.UpcomingIntent = false;
        var error = Assert.Throws<DialogValidationException>(() =>
            DialogValidator.Validate(dialogs, AgentHarness.Classifier.Model.Intents.Select(i => i.Name).Except(Upcoming), Renderer()));
        Assert.Contains("promo_code.yaml: intent: unknown intent 'promo_code'", error.Message, StringComparison.Ordinal);
    }
}
