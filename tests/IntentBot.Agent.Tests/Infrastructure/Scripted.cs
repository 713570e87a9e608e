
namespace IntentBot.Agent.Tests.Infrastructure;

/// <summary>Scripted readings for agent tests: the real agent, dialogs, store and shop, with no model.</summary>
internal static class Scripted
{
    /// <summary>An empty script with the shipped model's labels (its manifest only).</summary>
    public static ScriptedClassifier NewScript() => ScriptedClassifier.WithLabelsOf(AgentHarness.ModelPath);

    /// <summary>The agent's default thresholds: the tests place their readings just either side of them.</summary>
    public static AgentOptions Defaults { get; } = new();

    /// <summary>How far from a threshold a reading sits in these tests: clearly on one side, still borderline.</summary>
    public const double Margin = 0.01;
}
