package io.athenaworkflow.bench.driver;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold-call child: {@code java -cp <handler jars>:bench-driver.jar ColdCallDriver <handler class> <payload file>}.
 * Creates the handler the way the Lambda runtime does (public no-arg constructor), calls it once, and prints the
 * response as the first line of stdout (the parent stops its clock when it reads that line). A second line
 * {@code #timing <epoch ms at main> <init ns> <call ns>} splits the time for the table. A handler error is printed
 * to stderr and the exit code is 1.
 */
public final class ColdCallDriver {

    private ColdCallDriver() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        if (args.length != 2) {
            System.err.println("usage: ColdCallDriver <handler class> <payload file>");
            System.exit(2);
        }
        byte[] payload = Files.readAllBytes(Path.of(args[1]));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        long created = System.nanoTime();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload), response, null);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        long answered = System.nanoTime();
        PrintStream out = System.out;
        out.write(response.toByteArray());
        out.println();
        out.println("#timing " + mainAt + " " + (created - start) + " " + (answered - created));
        out.flush();
    }
}
