using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace IntentBot.Agent.Dialogs;

/// <summary>Reads every <c>*.yaml</c> in the dialogs folder. Unknown YAML keys are errors (typos must not pass silently).</summary>
public static class DialogLoader
{
    public static IReadOnlyList<DialogDefinition> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DialogValidationException($"Dialogs folder '{folder}' does not exist.");
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        var dialogs = new List<DialogDefinition>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var dialog = deserializer.Deserialize<DialogDefinition>(File.ReadAllText(file))
                    ?? throw new DialogValidationException($"{name}: the file is empty.");
                dialog.SourceFile = name;
                dialogs.Add(dialog);
            }
            catch (YamlException e)
            {
                // YamlDotNet's message names the line and column; keep it and add the file.
                throw new DialogValidationException($"{name} ({e.Start.Line}:{e.Start.Column}): {e.InnerException?.Message ?? e.Message}");
            }
        }
        if (dialogs.Count == 0)
            throw new DialogValidationException($"Dialogs folder '{folder}' holds no *.yaml dialog.");
        return dialogs;
    }
}

/// <summary>A dialog definition is wrong; the message names the file and the path inside it.</summary>
public sealed class DialogValidationException(string message) : Exception(message);
