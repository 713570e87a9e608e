using IntentBot.Home;
using IntentBot.Nlu;
using IntentBot.Server;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = RepositoryRoot.LocateHome(),
});
builder.AddIntentBot();

var app = builder.Build();
app.MapIntentBot();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
