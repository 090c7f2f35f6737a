namespace PocTracker.Web.Problems;

/// <summary>The problem display's texts (ProblemText.resx, ProblemText.pt-BR.resx).</summary>
public sealed class ProblemText;
