using System.Net;
using NSubstitute;
using PocTracker.Contracts.Identity;
using PocTracker.Mobile.Core.Account;
using PocTracker.Mobile.Core.Device;
using PocTracker.Mobile.Core.Failures;
using PocTracker.Mobile.Core.Mvu;
using PocTracker.Mobile.Core.Server;
using PocTracker.Sdk.Problems;

namespace PocTracker.Mobile.Core.Tests.Account;

public sealed class AccountPageTests
{
    private static readonly AccountPage Page = new("EXCLUIR");

    private static AccountState Opened(bool twoStepOn = false) =>
        Page.Update(Page.Start().State, new TwoStepStatusRead(new TwoStepStatus(twoStepOn, twoStepOn ? 10 : 0, false))).State;

    [Fact]
    public void Opening_reads_the_two_step_status()
    {
        var start = Page.Start();

        Assert.Equal(TwoStepStep.Loading, start.State.TwoStep);
        Assert.True(start.HasEffect(new ReadTwoStepStatus()));
        Assert.Equal(TwoStepStep.Off, Opened().TwoStep);
        Assert.Equal(TwoStepStep.On, Opened(twoStepOn: true).TwoStep);
    }

    [Fact]
    public void A_password_change_with_an_empty_field_asks_nothing_and_names_the_field()
    {
        var asked = Page.Update(Opened(), new PasswordChangeRequested("old secret", " "));

        Assert.Empty(asked.Effects);
        Assert.Equal([AccountFields.NewPassword], asked.State.Password.Missing);
    }

    [Fact]
    public void A_changed_password_ends_in_signing_in_again_after_the_notice()
    {
        var asked = Page.Update(Opened(), new PasswordChangeRequested("old secret", "new long secret"));
        var done = Page.Update(asked.State, new PasswordChangeDone()).State;
        var acknowledged = Page.Update(done, new PasswordChangeAcknowledged()).State;

        Assert.Equal([new ChangePassword("old secret", "new long secret")], asked.Effects);
        Assert.True(asked.State.Password.Busy);
        Assert.True(done.PasswordChanged);
        Assert.Equal(AccountOutcome.None, done.Outcome);
        Assert.Equal(AccountOutcome.SignInAgain, acknowledged.Outcome);
    }

    [Fact]
    public void The_servers_field_errors_reach_the_password_form()
    {
        var asked = Page.Update(Opened(), new PasswordChangeRequested("wrong", "new long secret")).State;
        var problem = new PocTrackerProblem { Title = "Validation failed", Errors = new Dictionary<string, IReadOnlyList<string>> { ["currentPassword"] = ["wrong"] } };
        var failure = Failure.Of(new PocTrackerProblemException(HttpStatusCode.BadRequest, problem));

        var refused = Page.Update(asked, Page.Failed(new ChangePassword("wrong", "new long secret"), failure)).State;

        Assert.False(refused.Password.Busy);
        Assert.True(refused.Password.Problem!.FieldErrors.ContainsKey(AccountFields.CurrentPassword));
    }

    [Fact]
    public void Enrolment_shows_the_secret_then_the_recovery_codes_once()
    {
        var enrolment = new TwoStepEnrolment("JBSWY3DPEHPK3PXP", "otpauth://totp/PocTracker:ana?secret=JBSWY3DPEHPK3PXP", 6, 30);

        var asked = Page.Update(Opened(), new TwoStepEnrolmentRequested("my password"));
        var enrolling = Page.Update(asked.State, new TwoStepEnrolmentStarted(enrolment)).State;
        var confirming = Page.Update(enrolling, new TwoStepConfirmRequested(" 123456 "));
        var on = Page.Update(confirming.State, new RecoveryCodesIssuedNow(["aaaa-bbbb", "cccc-dddd"]));
        var dismissed = Page.Update(on.State, new RecoveryCodesDismissed()).State;

        Assert.Equal([new StartTwoStepEnrolment("my password")], asked.Effects);
        Assert.Equal(TwoStepStep.Enrolling, enrolling.TwoStep);
        Assert.Equal(enrolment.OtpauthUri, enrolling.Enrolment!.OtpauthUri);
        Assert.Equal([new ConfirmTwoStepEnrolment("123456")], confirming.Effects);
        Assert.Equal(TwoStepStep.On, on.State.TwoStep);
        Assert.Null(on.State.Enrolment);
        Assert.Equal(["aaaa-bbbb", "cccc-dddd"], on.State.RecoveryCodes);
        Assert.True(on.HasEffect(new ReadTwoStepStatus()));
        Assert.Null(dismissed.RecoveryCodes);
    }

    [Fact]
    public void Disabling_and_renewing_need_two_step_on_and_a_code()
    {
        Assert.Empty(Page.Update(Opened(twoStepOn: false), new TwoStepDisableRequested("123456")).Effects);
        var empty = Page.Update(Opened(twoStepOn: true), new RecoveryCodesRenewRequested("  "));
        Assert.Equal([AccountFields.Code], empty.State.TwoStepForm.Missing);

        Assert.Equal([new DisableTwoStep("123456")], Page.Update(Opened(twoStepOn: true), new TwoStepDisableRequested("123456")).Effects);
        Assert.Equal(TwoStepStep.Off, Page.Update(Opened(twoStepOn: true), new TwoStepDisabled()).State.TwoStep);
    }

    [Fact]
    public void Deletion_needs_the_password_and_the_typed_word()
    {
        var wrongWord = Page.Update(Opened(), new AccountDeletionRequested("my password", "delete"));
        var asked = Page.Update(Opened(), new AccountDeletionRequested("my password", " excluir "));
        var deleted = Page.Update(asked.State, new AccountDeleted()).State;

        Assert.Empty(wrongWord.Effects);
        Assert.Equal([AccountFields.Confirmation], wrongWord.State.Delete.Missing);
        Assert.Equal([new DeleteMyAccount("my password")], asked.Effects);
        Assert.Equal(AccountOutcome.SignedOut, deleted.Outcome);
    }

    [Fact]
    public void A_last_owners_refused_deletion_stays_on_the_page()
    {
        var asked = Page.Update(Opened(), new AccountDeletionRequested("my password", "EXCLUIR")).State;
        var failure = new Failure(FailureKind.Refused, HttpStatusCode.Conflict);

        var refused = Page.Update(asked, Page.Failed(new DeleteMyAccount("my password"), failure)).State;

        Assert.Equal(AccountOutcome.None, refused.Outcome);
        Assert.Equal(HttpStatusCode.Conflict, refused.Delete.Problem!.Status);
    }

    [Fact]
    public async Task The_effects_export_the_data_to_a_file_and_delete_the_account()
    {
        var api = Substitute.For<IAccountApi>();
        api.GetTwoStepStatusAsync(Arg.Any<CancellationToken>()).Returns(new TwoStepStatus(false, 0, false));
        api.DownloadMyDataAsync(Arg.Any<CancellationToken>()).Returns(_ => new IncomingFile("ana-export.json", "application/json", new MemoryStream("{\"name\":\"Ana\"}"u8.ToArray())));
        var directory = Directory.CreateTempSubdirectory("account-");
        try
        {
            var files = new TestFiles(directory.FullName);
            await using var loop = new PageLoop<AccountState, AccountMessage, AccountEffect>(Page, new AccountEffects(api, files));
            loop.Start();
            await loop.IdleAsync();

            loop.Dispatch(new DataExportRequested());
            await loop.IdleAsync();
            loop.Dispatch(new DataExportShareRequested());
            loop.Dispatch(new AccountDeletionRequested("my password", "EXCLUIR"));
            await loop.IdleAsync();

            Assert.Equal("ana-export.json", loop.State.ExportFile?.FileName);
            Assert.Equal("{\"name\":\"Ana\"}", await File.ReadAllTextAsync(loop.State.ExportFile!.Path, TestContext.Current.CancellationToken));
            Assert.Single(files.Shared);
            await api.Received(1).DeleteMyAccountAsync("my password", Arg.Any<CancellationToken>());
            Assert.Equal(AccountOutcome.SignedOut, loop.State.Outcome);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_code_leaves_two_step_as_it_was_with_the_servers_problem()
    {
        var api = Substitute.For<IAccountApi>();
        api.GetTwoStepStatusAsync(Arg.Any<CancellationToken>()).Returns(new TwoStepStatus(true, 3, false));
        api.DisableTwoStepAsync("000000", Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new PocTrackerProblemException(HttpStatusCode.BadRequest, new PocTrackerProblem { Title = "Wrong code" })));
        await using var loop = new PageLoop<AccountState, AccountMessage, AccountEffect>(Page, new AccountEffects(api, new TestFiles(Path.GetTempPath())));
        loop.Start();
        await loop.IdleAsync();

        loop.Dispatch(new TwoStepDisableRequested("000000"));
        await loop.IdleAsync();

        Assert.Equal(TwoStepStep.On, loop.State.TwoStep);
        Assert.Equal("Wrong code", loop.State.TwoStepForm.Problem?.Detail);
    }
}
