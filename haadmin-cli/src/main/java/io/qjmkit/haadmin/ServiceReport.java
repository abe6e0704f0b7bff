package io.qjmkit.haadmin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the JSON form reports about one NameNode. Every field is always present; a field the
 * command did not ask about (or could not learn) is {@code null}.
 *
 * @param nameservice the nameservice the NameNode belongs to
 * @param namenodeId its id in {@code dfs.ha.namenodes.<nameservice>}
 * @param address its RPC address as {@code host:port}
 * @param state its HA state as {@code hdfs haadmin} prints it ({@code active}, {@code standby}, ...)
 * @param healthy the result of {@code -checkHealth}
 * @param error the line the plain form prints about the failure, e.g. {@code Health check failed: ...}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServiceReport(
        @JsonProperty("nameservice") String nameservice,
        @JsonProperty("namenodeId") String namenodeId,
        @JsonProperty("address") String address,
        @JsonProperty("state") String state,
        @JsonProperty("healthy") Boolean healthy,
        @JsonProperty("error") String error) {}
