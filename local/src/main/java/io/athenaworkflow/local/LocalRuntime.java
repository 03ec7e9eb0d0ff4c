package io.athenaworkflow.local;

import io.athenaworkflow.local.events.AwsEvents;
import io.athenaworkflow.local.events.EventBusSettings;
import io.athenaworkflow.local.events.EventEnvelope;
import io.athenaworkflow.local.events.EventTargets;
import io.athenaworkflow.local.events.LocalEventBus;
import io.athenaworkflow.local.events.S3ObjectCreated;
import io.athenaworkflow.local.faults.BoundedLambda;
import io.athenaworkflow.local.faults.Faults;
import io.athenaworkflow.local.lambda.FunctionSpec;
import io.athenaworkflow.local.lambda.InvocationResult;
import io.athenaworkflow.local.lambda.LambdaService;
import io.athenaworkflow.local.lambda.LambdaSettings;
import io.athenaworkflow.local.lambda.LocalLambda;
import io.athenaworkflow.local.lambda.SdkEndpoint;
import io.athenaworkflow.local.s3.ObjectCreated;
import io.athenaworkflow.local.sfn.api.ExecutionStatusChangeEvent;
import io.athenaworkflow.local.sfn.api.LoggingConfiguration;
import io.athenaworkflow.local.sfn.api.StateMachineSpec;
import io.athenaworkflow.local.sfn.api.StateMachineType;
import io.athenaworkflow.local.sfn.api.StepFunctionsConfig;
import io.athenaworkflow.local.sfn.api.StepFunctionsService;
import io.athenaworkflow.local.sfn.asl.interpreter.Execution;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionListener;
import io.athenaworkflow.local.sfn.asl.interpreter.ExecutionStatus;
import io.athenaworkflow.local.sfn.tasks.LocalTaskInvoker;
import io.athenaworkflow.local.sfn.tasks.TaskServices;
import io.athenaworkflow.local.template.DeployedTemplate;
import io.athenaworkflow.local.template.DeploymentConfig;
import io.athenaworkflow.local.template.StateMachineDeployment;
import io.athenaworkflow.local.template.TemplateLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole embedded runtime: S3, Athena and the edge port ({@link LocalAws}), the template's functions on the local
 * Lambda host, its state machine on the Step Functions service (served on the same port), and its EventBridge rules
 * fed by S3 object-created events and execution status changes — deployed from the project's own
 * {@code template.yaml}, ASL file and functions' deployment package (the {@code sam build} layout).
 */
public final class LocalRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalRuntime.class.getName());

    private final LocalRuntimeConfig config;
    private final LocalAws aws;
    private final DeployedTemplate template;
    private final LocalLambda lambda;
    private final StepFunctionsService stepFunctions;
    private final LocalEventBus events;
    private final Faults faults;
    private final List<AutoCloseable> resources;

    private LocalRuntime(LocalRuntimeConfig config, LocalAws aws, DeployedTemplate template, LocalLambda lambda,
                         StepFunctionsService stepFunctions, LocalEventBus events, Faults faults,
                         List<AutoCloseable> resources) {
        this.config = config;
        this.aws = aws;
        this.template = template;
        this.lambda = lambda;
        this.stepFunctions = stepFunctions;
        this.events = events;
        this.faults = faults;
        this.resources = resources;
    }

    /** Starts every service and deploys the template. On failure everything started so far is closed again. */
    public static LocalRuntime start(LocalRuntimeConfig config) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path dataDir = config.aws().dataDir();
            Path catalogDir = dataDir != null ? dataDir.resolve("catalog") : temporaryDirectory(started);
            Faults faults = Faults.of(config.faults());
            Path metastoreDir = catalogDir.resolve("trino-metastore");
            SqlEngineFactory engines = config.trinoUrl() == null ? SqlEngineFactory.trino(metastoreDir)
                    : SqlEngineFactory.trino(config.trinoUrl(), metastoreDir);
            LocalAws aws = LocalAws.start(config.aws(), engines,
                    new ServiceDecorators(faults::athena, faults::s3, faults::objectStore));
            started.add(aws);
            String region = aws.config().region();
            String account = aws.config().accountId();

            DeploymentConfig deployment = DeploymentConfig.defaults()
                    .withStackName(config.stackName()).withRegion(region).withAccountId(account)
                    .withCode("functions/", config.functionsArtifact());
            for (var parameter : config.parameters().entrySet()) {
                deployment = deployment.withParameter(parameter.getKey(), parameter.getValue());
            }
            DeployedTemplate template = TemplateLoader.load(config.projectRoot().resolve("template.yaml"), deployment);
            for (String bucketParameter : LocalRuntimeConfig.LOCAL_PARAMETERS.keySet()) {
                String bucket = template.parameters().get(bucketParameter);
                if (bucket != null && !bucket.isBlank()) {
                    aws.s3().createBucket(bucket);
                }
            }

            LocalLambda lambda = LocalLambda.start(LambdaSettings.defaults().withRegion(region).withAccountId(account)
                    .withSdk(SdkEndpoint.of(aws.endpoint())).withClock(aws.clock()));
            started.add(lambda);
            template.functions().forEach(function -> lambda.deploy(FunctionSpec.from(function)));
            // What Step Functions and EventBridge invoke: the host behind the plan's faults and the environment limit.
            LambdaService invoker = faults.lambda(config.maxEnvironmentsPerFunction() > 0
                    ? BoundedLambda.of(lambda, config.maxEnvironmentsPerFunction()) : lambda);

            StepFunctionsService stepFunctions = StepFunctionsService.create(
                    StepFunctionsConfig.defaults().withRegion(region).withAccountId(account), aws.clock(),
                    LocalTaskInvoker.create(TaskServices.none().withLambda(invoker).withAthena(faults.athena(aws.athena()))
                            .withObjectStore(aws.objectStore())));
            started.add(stepFunctions);
            aws.register(stepFunctions);
            for (StateMachineDeployment machine : template.stateMachines()) {
                StateMachineDeployment.Logging logging = machine.logging();
                stepFunctions.createStateMachine(new StateMachineSpec(machine.name(), machine.definition(),
                        machine.roleArn(), StateMachineType.valueOf(machine.type()),
                        new LoggingConfiguration(logging.level(), logging.includeExecutionData(), logging.logGroupArns()),
                        machine.tracingEnabled(), Map.of()));
            }

            LocalEventBus events = LocalEventBus.start(new Targets(stepFunctions, invoker), aws.clock(),
                    EventBusSettings.defaults());
            started.add(events);
            events.addRules(template);
            var s3Subscription = aws.s3Events().onObjectCreated(created -> events.putEvent(AwsEvents.s3ObjectCreated(
                    new EventEnvelope(region, account, created.time()), s3Event(created, account))));
            started.add(s3Subscription);
            var sfnSubscription = stepFunctions.addListener(new ExecutionListener() {
                @Override
                public void onStatusChange(Execution execution, ExecutionStatus status) {
                    events.putEvent(AwsEvents.executionStatusChange(new EventEnvelope(region, account, aws.clock().now()),
                            ExecutionStatusChangeEvent.of(execution, status)));
                }
            });
            started.add(sfnSubscription);
            return new LocalRuntime(config, aws, template, lambda, stepFunctions, events, faults,
                    List.copyOf(started));
        } catch (RuntimeException e) {
            closeAll(started, e);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: S3, Athena and Step Functions for any SDK or the AWS CLI. */
    public java.net.URI endpoint() {
        return aws.endpoint();
    }

    /** The ARN of the template's (only) state machine. */
    public String stateMachineArn() {
        return stepFunctions.listStateMachines().stream()
                .filter(m -> template.stateMachines().stream().anyMatch(d -> d.arn().equals(m.arn())))
                .findFirst().orElseThrow(() -> new IllegalStateException("The template deploys no state machine"))
                .arn();
    }

    public LocalRuntimeConfig config() {
        return config;
    }

    public LocalAws aws() {
        return aws;
    }

    public DeployedTemplate template() {
        return template;
    }

    public LocalLambda lambda() {
        return lambda;
    }

    public StepFunctionsService stepFunctions() {
        return stepFunctions;
    }

    public LocalEventBus events() {
        return events;
    }

    /** The faults of {@link LocalRuntimeConfig#faults()} at work: what was injected so far. */
    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        RuntimeException failure = new RuntimeException("Closing the local runtime failed");
        closeAll(resources, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static S3ObjectCreated s3Event(ObjectCreated created, String account) {
        S3ObjectCreated.Reason reason = switch (created.reason()) {
            case "CopyObject" -> S3ObjectCreated.Reason.COPY_OBJECT;
            case "CompleteMultipartUpload" -> S3ObjectCreated.Reason.COMPLETE_MULTIPART_UPLOAD;
            default -> S3ObjectCreated.Reason.PUT_OBJECT;
        };
        return S3ObjectCreated.of(created.bucket(), created.key(), created.size(), created.etag(), reason, account);
    }

    /** EventBridge targets: start an execution with the event as input, or invoke a function asynchronously. */
    private record Targets(StepFunctionsService stepFunctions, LambdaService lambda) implements EventTargets {

        @Override
        public void startExecution(String stateMachineArn, String inputJson) {
            stepFunctions.startExecution(stateMachineArn, null, inputJson);
        }

        @Override
        public void invokeFunction(String functionArn, byte[] payload) {
            InvocationResult result = lambda.invoke(functionArn, payload);
            if (result.functionError() != null) {
                // Lambda runs asynchronous invocations and only logs what they return; so does the local host.
                LOG.log(Level.WARNING, "{0} failed on an EventBridge event: {1}", functionArn,
                        new String(result.payload(), StandardCharsets.UTF_8));
            }
        }
    }

    private static Path temporaryDirectory(List<AutoCloseable> started) {
        try {
            Path dir = Files.createTempDirectory("athena-local-catalog");
            started.add(() -> deleteTree(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary catalog directory", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void closeAll(List<AutoCloseable> resources, RuntimeException failure) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** For messages: "local runtime at http://127.0.0.1:4566 (state machine ...)". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "local runtime at %s (state machine %s)", endpoint(), stateMachineArn());
    }

}
