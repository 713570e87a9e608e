using IntentBot.Cli.Commands;

namespace IntentBot.Cli;

/// <summary>Dispatches `intentbot &lt;command&gt;`. Each command lives in Commands/ and parses its own options.</summary>
public static class CommandLine
{
    public const string Usage = """
        intentbot — IntentBot's command line

        Commands:
          classify "text" [more texts…] [--model DIR] [--dialogs DIR] [--top K] [--json]
                                   Classify texts (or lines from stdin with "-") and show intent, out-of-scope and sentiment.
          eval --data FILE.csv --text-column C --label-column L --task intent|sentiment
               [--predictions out.jsonl] [--report out.html] [--model DIR] [--dialogs DIR]
                                   Measure the model on your own labelled data. Labels may list several
                                   acceptable answers separated by '|'. Custom intents of the dialogs are included.
          intents check [--dialogs DIR] [--model DIR]
                                   Learn the custom intents the dialogs declare (examples:), list the phrases to
                                   fix and print a confusion table of the examples under cross-validation.
          tokenize [--model DIR] [--max-length N]
                                   Read JSON strings (one per line) on stdin, print token-id arrays (training parity).
          chat [--url http://127.0.0.1:5080] [--secret S] [--user ID] [--echo]
                                   Chat with a running bot over Direct Line: each stdin line is a message; the
                                   bot's replies and suggested actions are printed (type a number to pick one).
                                   Without --secret the token comes from the server's /api/v1/directline/token.
          teams package [--config FILE.json] [--output FILE.zip]
                                   Build the Teams app package (manifest.json + icons) from the configuration:
                                   BotConnector:AppId and the Teams section (appsettings.json, environment,
                                   then FILE.json). Default output: artifacts/teams/intentbot-teams.zip.
          feedback export [--url http://127.0.0.1:5080] [--api-key KEY] [--out FILE.jsonl]
                                   Reviewers' corrections from the insights review queue (PII masked) as training
                                   rows for training/run.sh --feedback FILE (stdout without --out).

        --model defaults to models/intentbot-default and --dialogs to dialogs in the IntentBot home (the checkout, or INTENTBOT_HOME).
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = Options.Parse(args.AsSpan(1).ToArray());
            return args[0] switch
            {
                "classify" => await ClassifyCommand.RunAsync(options, stdin, stdout),
                "eval" => await EvalCommand.RunAsync(options, stdout),
                "intents" => await IntentsCommand.RunAsync(options, stdout),
                "tokenize" => await TokenizeCommand.RunAsync(options, stdin, stdout),
                "chat" => await ChatCommand.RunAsync(options, stdin, stdout, stderr),
                "teams" => await TeamsCommand.RunAsync(options, stdout, stderr),
                "feedback" => await FeedbackCommand.RunAsync(options, stdout, stderr),
                _ => await UnknownAsync(args[0], stderr),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"intentbot {args[0]}: {ex.Message}");
            await stderr.WriteLineAsync("Run 'intentbot --help' for usage.");
            return 2;
        }
        catch (Exception ex) when (ex is IntentBot.Agent.Dialogs.DialogValidationException or IntentBot.Nlu.CustomIntents.CustomIntentException)
        {
            await stderr.WriteLineAsync($"intentbot {args[0]}: {ex.Message}");
            return 1;
        }
        catch (IntentBot.Nlu.Manifest.ModelLoadException ex)
        {
            await stderr.WriteLineAsync($"intentbot: cannot load the model: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> UnknownAsync(string command, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"intentbot: unknown command '{command}'. Run 'intentbot --help'.");
        return 2;
    }
}
