package io.qjmkit.journalnode.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the properties of one Hadoop site file with the JDK's DOM parser. DOCTYPEs and external
 * entities are refused, so a config file can neither read other files nor reach the network.
 */
final class SiteXmlReader {
    private static final Logger LOG = LoggerFactory.getLogger(SiteXmlReader.class);

    /** One {@code <property>} as written; {@code index} is its 1-based position in the file. */
    record Property(String name, String value, boolean isFinal, int index) {}

    private SiteXmlReader() {}

    static List<Property> read(Path file) {
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new FailingErrorHandler());
            doc = builder.parse(in, file.toUri().toString());
        } catch (SAXParseException e) {
            throw new ConfigException(file + ":" + e.getLineNumber() + ":" + e.getColumnNumber()
                    + ": malformed XML: " + e.getMessage() + " (expected a Hadoop site file:"
                    + " <configuration><property><name/><value/></property></configuration>)");
        } catch (SAXException e) {
            throw new ConfigException(file + ": malformed XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser rejects secure settings", e);
        }
        Element root = doc.getDocumentElement();
        if (!"configuration".equals(root.getTagName())) {
            throw new ConfigException(file + ": root element is <" + root.getTagName() + ">, expected <configuration>");
        }
        List<Property> properties = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node node = children.item(i);
            if (!(node instanceof Element element)) {
                continue;
            }
            if (!"property".equals(element.getTagName())) {
                LOG.warn("{}: ignoring <{}> (only <property> is understood here)", file, element.getTagName());
                continue;
            }
            Property p = toProperty(file, element, properties.size() + 1);
            if (p != null) {
                properties.add(p);
            }
        }
        return properties;
    }

    /** Null when the property has no value: Hadoop ignores those as well. */
    private static Property toProperty(Path file, Element element, int index) {
        String name = field(element, "name");
        String value = field(element, "value");
        String fin = field(element, "final");
        if (name == null || name.isBlank()) {
            throw new ConfigException(file + ": <property> #" + index + " has no <name>"
                    + (value == null ? "" : " (its value is '" + value + "')")
                    + "; expected <property><name>key</name><value>v</value></property>");
        }
        boolean isFinal = fin != null && "true".equalsIgnoreCase(fin.trim());
        if (value == null) {
            LOG.warn("{}: property '{}' has no <value>; ignored", file, name.trim());
            return null;
        }
        return new Property(name.trim(), value, isFinal, index);
    }

    /** A child element's text, else the attribute of the same name (Hadoop accepts both forms). */
    private static String field(Element property, String tag) {
        NodeList children = property.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && tag.equals(child.getTagName())) {
                return child.getTextContent();
            }
        }
        return property.hasAttribute(tag) ? property.getAttribute(tag) : null;
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setIgnoringComments(true);
        return f;
    }

    /** Makes warnings silent and every error fatal, so nothing is printed to stderr by the JDK. */
    private static final class FailingErrorHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            LOG.debug("XML warning: {}", e.getMessage());
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
