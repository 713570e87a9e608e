using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Templates;
using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Engine;

/// <summary>Start-up validation: a broken dialog stops start-up with a message naming the file and the path.</summary>
public sealed class DialogValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("intentbot-dialogs-").FullName;

    public DialogValidationTests()
    {
        foreach (var file in Directory.GetFiles(AgentHarness.DialogsPath, "*.yaml"))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_shipped_dialogs_cover_every_intent_of_the_model()
    {
        var catalog = Load();
        var intents = AgentHarness.Classifier.Model.Intents.Select(i => i.Name).ToList();
        Assert.Equal(intents.Order(), catalog.ByIntent.Keys.Order());
        Assert.Contains("out_of_scope", intents);
    }

    [Theory]
    [InlineData("track_order.yaml", "intent: track_order", "intent: track_orders", "track_order.yaml: intent: unknown intent 'track_orders'")]
    [InlineData("track_order.yaml", "function: orders.status", "function: orders.state", "track_order.yaml: actions[0].function: unknown plugin function 'orders.state'")]
    [InlineData("track_order.yaml", "text: \"{{$order}}\"\n    card", "text: \"{{$oder}}\"\n    card", "track_order.yaml: responses[5].text: unknown variable 'oder'")]
    [InlineData("track_order.yaml", "type: order_number", "type: order_id", "track_order.yaml: slots[0].type: unknown slot type 'order_id'")]
    [InlineData("track_order.yaml", "arguments: { orderNumber:", "arguments: { number:", "track_order.yaml: actions[0].arguments.number: 'orders.status' has no parameter 'number'")]
    [InlineData("cancel_order.yaml", "{{$quote}} Shall I", "{{orders.nope $order_number}} Shall I", "cancel_order.yaml: confirm.prompt: unknown plugin function 'orders.nope'")]
    [InlineData("cancel_order.yaml", "when: quote_ok && quote_data_allowed && quote_data_order_customer_id == $customer_id\n  prompt", "when: quote_ok && $nobody\n  prompt", "cancel_order.yaml: confirm.when: unknown variable")]
    [InlineData("greeting.yaml", "suggestions: [\"@track_order\"", "suggestions: [\"@track_parcel\"", "greeting.yaml: suggestions: '@track_parcel' names no known intent")]
    [InlineData("cancel_order.yaml", "好的，订单 {{$order_number}} 保持不变。", "好的，订单保持不变。", "cancel_order.yaml: confirm.declined_translations.zh: leaves out {{$order_number}} of the English text")]
    [InlineData("track_order.yaml", "title_translations: { zh:", "title_translations: { de:", "track_order.yaml: title_translations.de: no answers are given in 'de'")]
    [InlineData("get_refund.yaml", "订单 {{$order_number}} 可以退货（截止日期", "订单 {{$order_numbr}} {{$order_number}} 可以退货（截止日期", "get_refund.yaml: confirm.translations.zh: unknown variable 'order_numbr'")]
    public void A_mistake_stops_start_up_naming_file_and_path(string file, string find, string replace, string expected)
    {
        var path = Path.Combine(_folder, file);
        var yaml = File.ReadAllText(path);
        Assert.Contains(find, yaml, StringComparison.Ordinal);
        File.WriteAllText(path, yaml.Replace(find, replace, StringComparison.Ordinal));
        var error = Assert.Throws<DialogValidationException>(Load);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_dialog_is_reported()
    {
        File.Delete(Path.Combine(_folder, "thanks.yaml"));
        var error = Assert.Throws<DialogValidationException>(Load);
        Assert.Contains("no dialog for intent(s) thanks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_yaml_key_is_reported_with_file_and_line()
    {
        File.AppendAllText(Path.Combine(_folder, "goodbye.yaml"), "colour: blue\n");
        var error = Assert.Throws<DialogValidationException>(Load);
        Assert.StartsWith("goodbye.yaml (", error.Message, StringComparison.Ordinal);
    }

    private DialogCatalog Load()
    {
        var harness = AgentHarness.Create();
        return AgentSetup.LoadDialogs(_folder, AgentHarness.Classifier, new TemplateRenderer(harness.Kernel));
    }
}
