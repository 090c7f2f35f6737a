using Amazon.CDK;

namespace PocTracker.Infra;

/// <summary>ARNs built from the fixed names the conventions give (topics, queues, parameters), so stacks need not export them.</summary>
internal static class Arns
{
    public static string Topic(Stack stack, string name) => stack.FormatArn(new ArnComponents { Service = "sns", Resource = name });

    public static string Queue(Stack stack, string name) => stack.FormatArn(new ArnComponents { Service = "sqs", Resource = name });

    public static string Parameter(Stack stack, string pathWithoutLeadingSlash) =>
        stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = pathWithoutLeadingSlash, ArnFormat = ArnFormat.SLASH_RESOURCE_NAME });

    public static string Role(Stack stack, string name) =>
        stack.FormatArn(new ArnComponents { Service = "iam", Region = "", Resource = "role", ResourceName = name, ArnFormat = ArnFormat.SLASH_RESOURCE_NAME });
}
