import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;

// Lists the registry, looks up a name that is not bound and tries to bind one from another host.
public class Client {
    public static void main(String[] args) throws Exception {
        Registry r = LocateRegistry.getRegistry(args[0], 1099);
        System.out.println(java.util.Arrays.toString(r.list()));
        try {
            r.lookup("lab-missing");
        } catch (java.rmi.NotBoundException e) {
            System.out.println("not bound");
        }
        try {
            r.unbind("lab-missing");
        } catch (Exception e) {
            System.out.println(e.getClass().getName());
        }
    }
}
