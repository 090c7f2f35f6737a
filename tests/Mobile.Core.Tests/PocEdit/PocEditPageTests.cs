using System.Net;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.PocEdit;
using PocTracker.Mobile.Core.Tests.Support;

namespace PocTracker.Mobile.Core.Tests.PocEdit;

public sealed class PocEditPageTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static PocEditState Editing(PocEditPage page, int version = 3)
    {
        var state = page.Start().State;
        return page.Update(state, new PocToEditRead(Pocs.Poc("Kafka", version, Id), FromDevice: false)).State;
    }

    [Theory]
    [InlineData("", "name", PocEditText.NameRequired)]
    [InlineData("   ", "name", PocEditText.NameRequired)]
    [InlineData("Fila com SQS", "name", PocEditText.NameAlreadyUsed)]
    [InlineData("fila com sqs ", "name", PocEditText.NameAlreadyUsed)]
    public void TheNameIsCheckedLocally(string name, string field, string key)
    {
        var errors = new PocForm(Name: name).Check([Pocs.Poc("Fila com SQS")], self: null);

        Assert.Equal([key], errors[field]);
    }

    [Fact]
    public void TheOtherLocalRulesMirrorTheServers()
    {
        Assert.Equal([PocEditText.NameTooLong], new PocForm(Name: new string('a', 201)).Check([], null)["name"]);
        Assert.Empty(new PocForm(Name: new string('a', 200)).Check([], null));
        Assert.Equal([PocEditText.GitHubOnly], new PocForm(Name: "x", RepositoryUrl: "https://gitlab.com/a/b").Check([], null)["repositoryUrl"]);
        Assert.Empty(new PocForm(Name: "x", RepositoryUrl: "https://github.com/dotnet/runtime").Check([], null));
        Assert.Equal([PocEditText.TooManyTags], new PocForm(Name: "x", Tags: [.. Enumerable.Range(0, 21).Select(i => $"t{i}")]).Check([], null)["tags"]);
        Assert.Equal([PocEditText.FinishedBeforeStarted], new PocForm(Name: "x", StartedOn: new DateOnly(2026, 5, 2), FinishedOn: new DateOnly(2026, 5, 1)).Check([], null)["finishedOn"]);
    }

    [Fact]
    public void ItsOwnNameIsNotAConflictWhenEditing()
    {
        var self = Pocs.Poc("Kafka", id: Id);
        Assert.Empty(new PocForm(Name: "Kafka").Check([self], Id));
    }

    [Theory]
    [InlineData("Mensageria Assíncrona", "mensageria-assíncrona")]
    [InlineData("  C#  ", "c#")]
    [InlineData("node_js", "node-js")]
    [InlineData("ASP.NET Core", "asp.net-core")]
    public void TagsAreShownAsTheServerWillStoreThem(string typed, string stored) =>
        Assert.Equal(stored, Assert.Single(new PocForm(Tags: [typed]).NormalizedTags));

    [Fact]
    public void ALocalErrorStopsTheSaveAndNothingIsSent()
    {
        var page = new PocEditPage(null);
        var state = page.Update(page.Start().State, new FormChanged(new PocForm(Name: " "))).State;

        var save = page.Update(state, new SaveTapped());

        Assert.Empty(save.Effects);
        Assert.Equal([PocEditText.NameRequired], save.State.LocalErrors["name"]);
    }

    [Fact]
    public void AnOfflineSaveIsQueued()
    {
        var page = new PocEditPage(null);
        var state = page.Update(page.Start().State, new FormChanged(new PocForm(Name: "Nova"))).State;
        var save = page.Update(state, new SaveTapped());
        var effect = Assert.IsType<SavePoc>(Assert.Single(save.Effects));

        var offline = page.Update(save.State, new EditFailed(effect, Failure.Offline));
        Assert.Equal(new QueueSave(null, null, effect.Poc), Assert.Single(offline.Effects));
        Assert.Equal(EditStatus.Queued, page.Update(offline.State, new SaveQueued()).State.Status);
    }

    [Fact]
    public void ServerFieldErrorsAreShownPerField()
    {
        var page = new PocEditPage(Id);
        var save = page.Update(Editing(page), new SaveTapped());
        var refusal = Problems.Answer(HttpStatusCode.BadRequest, "Invalid", new Dictionary<string, IReadOnlyList<string>> { ["language"] = ["Unknown language."] });

        var state = page.Update(save.State, new EditFailed(save.Effects[0], Failure.Of(refusal))).State;

        Assert.Equal(EditStatus.Editing, state.Status);
        Assert.Equal(["Unknown language."], state.ServerErrors["language"]);
    }

    [Fact]
    public void A412ShowsBothVersionsAndKeepMineRetriesOnTheirVersion()
    {
        var page = new PocEditPage(Id);
        var mine = Editing(page) with { Form = new PocForm(Name: "Kafka streams") };
        var save = page.Update(mine, new SaveTapped());
        Assert.Equal(3, Assert.IsType<SavePoc>(save.Effects[0]).Version);

        var conflict = page.Update(save.State, new EditFailed(save.Effects[0], Failure.Of(Problems.Answer(HttpStatusCode.PreconditionFailed))));
        Assert.Equal(new LoadTheirs(Id), Assert.Single(conflict.Effects));
        var shown = page.Update(conflict.State, new TheirsRead(Pocs.Poc("Kafka 2", 5, Id))).State;
        Assert.Equal(EditStatus.Conflict, shown.Status);
        Assert.Contains("name", shown.ConflictingFields);

        var keep = page.Update(shown, new KeepMineTapped());
        var retry = Assert.IsType<SavePoc>(Assert.Single(keep.Effects));
        Assert.Equal((5, "Kafka streams"), (retry.Version, retry.Poc.Name));

        var take = page.Update(shown, new TakeTheirsTapped()).State;
        Assert.Equal(("Kafka 2", 5, EditStatus.Editing), (take.Form.Name, take.Version, take.Status));
    }

    [Fact]
    public void EditingOfflineFromTheDeviceQueuesTheSaveDirectly()
    {
        var page = new PocEditPage(Id);
        var state = page.Update(page.Start().State, new PocToEditRead(Pocs.Poc("Kafka", 2, Id), FromDevice: true)).State;

        var save = page.Update(state, new SaveTapped());

        var queued = Assert.IsType<QueueSave>(Assert.Single(save.Effects));
        Assert.Equal((Id, 2, "Kafka"), (queued.Id, queued.Version, queued.Poc.Name));
    }
}
