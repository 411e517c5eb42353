// Compile Java sources with the JDK compiler module of the JRE (the image has no javac binary):
//   java Javac.java -cp <classpath> -d <dir> <sources...>
public class Javac {
    public static void main(String[] args) {
        System.exit(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, args));
    }
}
