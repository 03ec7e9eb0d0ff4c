package io.athenaworkflow.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassLoadsTest {

    @Test
    void parse_whenClassLoadLog_countsEachSourceAndNamesTheHttpClient() {
        List<String> log = List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.020s][info][class,load] java.util.HexFormat source: jrt:/java.base",
                "[0.030s][info][class,load] io.athenaworkflow.handlers.Json source: file:/x/functions.jar",
                "[0.040s][info][class,load] software.amazon.awssdk.core.Foo$$Lambda/0x1 source: software.amazon.awssdk.core.Foo",
                "[0.050s][info][class,load] java.lang.invoke.LambdaForm$MH/0x2 source: __JVM_LookupDefineClass__",
                "[0.055s][info][class,load] software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient source: file:/x/functions.jar",
                "[0.060s][info][class,load] an unrelated line");

        ColdCallBench.ClassLoads loads = ColdCallBench.ClassLoads.parse(log);

        assertThat(loads).isEqualTo(new ColdCallBench.ClassLoads(6, 1, 1, 2, 2, "urlconnection"));
    }

    @Test
    void parse_whenNoSdkHttpClientLoaded_namesNone() {
        ColdCallBench.ClassLoads loads = ColdCallBench.ClassLoads.parse(List.of(
                "[0.010s][info][class,load] software.amazon.awssdk.http.SdkHttpClient source: file:/x/sdk.jar"));

        assertThat(loads.httpClient()).isEmpty();
    }
}
