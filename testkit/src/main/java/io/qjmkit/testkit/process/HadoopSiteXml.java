package io.qjmkit.testkit.process;

import java.util.Map;

/**
 * The text of a Hadoop {@code *-site.xml} holding given properties, for the configuration
 * directories the process fixtures and the benchmark write for the daemons they start. Values are
 * written as given: the callers pass host:port pairs, paths and class names, never markup.
 */
public final class HadoopSiteXml {
    private HadoopSiteXml() {}

    public static String of(Map<String, String> props) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        props.forEach((k, v) -> xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }
}
